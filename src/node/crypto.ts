// node:crypto for the HTTP function's path, taken with process.getBuiltinModule instead of `import ... from "node:crypto"`:
// an ESM import of a built-in reads every export to build the namespace, which loads WebCrypto and the rest of
// node:crypto's lazy parts, about 1 ms of the cold start for nothing (`npm run bench`).
export const { createHash, createHmac, timingSafeEqual, randomUUID } = process.getBuiltinModule("node:crypto");
