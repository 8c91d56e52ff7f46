import { buildPageView, sanitiseLocation, sanitisePath } from "./analytics-location";

const SITE = "https://radiologypacs.app";
const UID = "1.2.826.0.1.3680043.8.498.10368865474620413826571234";

describe("sanitiseLocation", () => {
  it("drops the study page's StudyInstanceUID query", () => {
    expect(sanitiseLocation(`${SITE}/study/?uid=${UID}`)).toBe(`${SITE}/study/`);
  });

  it("drops sign-in's return path and any fragment", () => {
    expect(sanitiseLocation(`${SITE}/signin/?next=%2Fstudy%2F%3Fuid%3D${UID}#top`)).toBe(`${SITE}/signin/`);
  });

  it("collapses a share link's token, and anything after it", () => {
    expect(sanitiseLocation(`${SITE}/s/Xk29fQ-secret-token/`)).toBe(`${SITE}/s/`);
    expect(sanitiseLocation(`${SITE}/s/Xk29fQ-secret-token/series/2?x=1`)).toBe(`${SITE}/s/`);
  });

  it("replaces a UID that reached the path", () => {
    expect(sanitiseLocation(`${SITE}/study/${UID}/`)).toBe(`${SITE}/study/uid/`);
  });

  it("drops credentials in the address", () => {
    expect(sanitiseLocation("https://user:pass@radiologypacs.app/studies/")).toBe(`${SITE}/studies/`);
  });

  it("keeps ordinary pages as they are", () => {
    expect(sanitiseLocation(`${SITE}/studies/`)).toBe(`${SITE}/studies/`);
    expect(sanitisePath("/")).toBe("/");
  });
});

describe("buildPageView", () => {
  it("titles the page by its sanitised path, never by the document title", () => {
    expect(buildPageView(`${SITE}/study/?uid=${UID}`, "")).toEqual({
      page_location: `${SITE}/study/`,
      page_referrer: "",
      page_title: "/study/",
    });
  });

  it("sanitises a referrer on this site and keeps only the origin of another", () => {
    expect(buildPageView(`${SITE}/studies/`, `${SITE}/study/?uid=${UID}`).page_referrer).toBe(`${SITE}/study/`);
    expect(buildPageView(`${SITE}/studies/`, "https://mail.example/inbox/42?q=ct").page_referrer).toBe("https://mail.example");
  });
});
