// Lets a child `node` process run the functions' TypeScript sources as jest does:
// ts-node without type checks, and @pacs/shared from its sources (its dist/ may not be built).
const Module = require("node:module");
const path = require("node:path");
require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
const shared = path.resolve(__dirname, "../../../../packages/shared/src/index.ts");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === "@pacs/shared" ? shared : request, ...rest);
};
