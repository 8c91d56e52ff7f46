import { describeDue } from "./privacy-api";

const now = new Date("2026-11-22T10:00:00Z");
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);

it("says how long is left until a request is due, and how overdue it is", () => {
  expect(describeDue(inDays(30), now)).toEqual({ text: "30 days left", overdue: false });
  expect(describeDue(inDays(0.5), now)).toEqual({ text: "1 day left", overdue: false });
  expect(describeDue(inDays(0), now)).toEqual({ text: "due today", overdue: false });
  expect(describeDue(inDays(-1), now)).toEqual({ text: "1 day overdue", overdue: true });
  expect(describeDue(inDays(-3.2), now)).toEqual({ text: "3 days overdue", overdue: true });
});
