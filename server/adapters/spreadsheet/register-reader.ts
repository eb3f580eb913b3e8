/**
 * Placeholder on this branch: the spreadsheet reader is written on its own branch and replaces this file
 * at merge. Until then, reading a register refuses plainly.
 */
import type { RegisterReader } from '@core/registers/register-data';

export const spreadsheetRegisterReader: RegisterReader = {
  inspect() {
    return Promise.reject(new Error('spreadsheetRegisterReader is not on this branch'));
  },
  read() {
    return Promise.reject(new Error('spreadsheetRegisterReader is not on this branch'));
  },
};
