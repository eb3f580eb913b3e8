/**
 * A street's registers (台账) as read from its spreadsheet: rows already mapped to fields, trimmed and
 * checked one by one (required cells, code patterns, mobile numbers), each keeping where it came from so
 * a later problem (found against other rows or the store) still points at a sheet, a row and a column.
 *
 * Natural keys, not ids: a register names things by code (community, grid) or by address (household),
 * so importing the same file twice finds the same things. Ids are derived from these keys by the planner.
 */
import type { RegisterInspection, RegisterProblem, SheetMapping } from '../api/register.contract';
import type { KeyGroup } from '../places/place';

/** Where a row came from: the sheet name and the row as Excel numbers it (header = 1). */
export interface RowOrigin {
  sheet: string;
  row: number;
}

export interface CommunityRow {
  origin: RowOrigin;
  /**
   * 12 digits, as in the 统计用区划代码: the street's first 9 digits (县级 6 + 街道 3; a street's 12-digit
   * code ends in 000) + 3 digits of the community.
   */
  code: string;
  name: string;
  hotline: string;
  address: string;
}

export interface GridRow {
  origin: RowOrigin;
  /** 15 digits: the community's 12 digits + 3 digits of the grid. */
  code: string;
  name: string;
  communityCode: string;
  /** 四至 as written; split into east/south/west/north when the cell says 东至…南至…西至…北至…, else all in `description`. */
  boundary: { east: string; south: string; west: string; north: string };
  description: string;
  /** Optional 户数目标; null when the cell is empty. */
  householdTarget: number | null;
}

export interface HouseholdRow {
  origin: RowOrigin;
  gridCode: string;
  /** 楼栋 (urban) or 自然村/组 (rural) as written, e.g. "3号楼" / "东村一组". */
  building: string;
  /** 单元 (urban), 1 when the register has none (rural). */
  unit: number;
  /** 房号 (urban) or 门牌 (rural), as written: "301", "12号". */
  room: string;
  keyGroups: KeyGroup[];
}

export const STAFF_ROLES = ['grid_worker', 'community_staff', 'street_staff'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffRow {
  origin: RowOrigin;
  name: string;
  /** 11 digits, mainland mobile; the person's key within the street. */
  mobile: string;
  role: StaffRole;
  /** Required for grid_worker and community_staff. */
  communityCode: string | null;
  /** Grids this person leads (grid_worker only). */
  primaryGridCodes: string[];
  /** Grids this person backs up as B角 (grid_worker only). */
  backupGridCodes: string[];
}

/** Everything one file holds, after mapping and row checks. */
export interface ParsedRegister {
  communities: CommunityRow[];
  grids: GridRow[];
  households: HouseholdRow[];
  staff: StaffRow[];
  /** Row-level and file-level problems (cross-row and store checks are the planner's). */
  problems: RegisterProblem[];
  /**
   * Codes of grids whose own row the reader refused (not a duplicate of an accepted row): rows of other sheets
   * that name them wait for that row to be fixed, and the planner says so once per sheet.
   */
  rejectedGridCodes?: string[];
}

/** The bytes of an uploaded register and what it was called (the name only hints; content decides). */
export interface RegisterFile {
  bytes: Uint8Array;
  name: string;
}

/**
 * Reads a register file. `inspect` looks at headers only (cheap); `read` maps and checks every row.
 * Both refuse a file that is not a spreadsheet, too large, a zip bomb or undecodable with a
 * DomainError (stable code, Chinese message) before parsing rows.
 */
export interface RegisterReader {
  inspect(file: RegisterFile, remembered: SheetMapping[]): Promise<Omit<RegisterInspection, 'fileId'>>;
  read(file: RegisterFile, mappings: SheetMapping[] | undefined, streetCode: string): Promise<ParsedRegister>;
}
