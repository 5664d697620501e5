export { createLocalProofStorage, findRepoRoot } from "./local-storage.ts";
export { createS3ProofStorage, type S3ProofStorageOptions } from "./s3-storage.ts";
export type { ProofStorage } from "./storage.ts";
export { assertProofSize, type CheckedProof, checkProofFile, maxProofBytes } from "./validate.ts";
