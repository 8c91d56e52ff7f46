import { recipientCounter, senderCounter, shareEmailRules } from "./email-limits";

describe("recipientCounter", () => {
  it("+tags, case and Gmail dots cannot turn one inbox into many counters", () => {
    const one = recipientCounter("jane.doe@gmail.com");
    expect(recipientCounter("Jane.Doe+1@Gmail.com")).toBe(one);
    expect(recipientCounter("janedoe+spam@googlemail.com")).toBe(one);
    expect(recipientCounter("jane.doe+x@example.org")).toBe(recipientCounter("JANE.DOE@example.org"));
  });

  it("keeps different inboxes apart and stores no readable address", () => {
    expect(recipientCounter("jane.doe@example.org")).not.toBe(recipientCounter("janedoe@example.org"));
    expect(recipientCounter("jane@example.org")).toMatch(/^recipient-[0-9a-f]{64}$/);
  });
});

it("a share email counts against its sender and its recipient, under ids that name neither", () => {
  const counters = shareEmailRules("user-1", "a@example.org").map((rule) => rule.counter);
  expect(counters).toEqual([senderCounter("share", "user-1"), recipientCounter("a@example.org")]);
  expect(counters.join(" ")).not.toMatch(/user-1|example/);
  expect(senderCounter("share", "user-1")).not.toBe(senderCounter("privacy", "user-1"));
});
