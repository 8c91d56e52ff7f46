export * from "./policy";
export * from "./users";
export * from "./runtime-config";
export * from "./uploads";
export * from "./studies";
export * from "./study-search";
export * from "./format";
export * from "./tracking-consent";
