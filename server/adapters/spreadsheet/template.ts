/** Placeholder on this branch: the register template is written on the reader's branch and replaces this file at merge. */
export function writeRegisterTemplate(): Promise<Buffer> {
  return Promise.reject(new Error('writeRegisterTemplate is not on this branch'));
}
