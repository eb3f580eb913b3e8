import { REGISTER_SCHEMAS as s } from '@core/api/register.schemas';
import { applyRegister } from '../use-cases/registers/apply';
import { dryRunRegister } from '../use-cases/registers/dry-run';
import { getImportJob } from '../use-cases/registers/get-job';
import { inspectRegister } from '../use-cases/registers/inspect';
import { registerTemplate } from '../use-cases/registers/template';
import { defineFunction } from './define-function';

/** 台账导入: a street admin brings the street's registers in from spreadsheets (see core/api/register.contract.ts). */
export const registerFunction = defineFunction('register', {
  template: { permission: 'register.import', input: s.template, run: registerTemplate },
  inspect: { permission: 'register.import', input: s.inspect, run: inspectRegister },
  dryRun: { permission: 'register.import', input: s.dryRun, run: dryRunRegister },
  apply: { permission: 'register.import', input: s.apply, run: applyRegister },
  job: { permission: 'register.import', input: s.job, run: getImportJob },
});
