/** street → community → grid → building → unit → household. Every building belongs to exactly one grid. */
export interface Street {
  id: string;
  code: string;
  name: string;
  district: string;
}

export interface Community {
  id: string;
  streetId: string;
  code: string;
  name: string;
  /** 社区服务热线, shown on every contact card of the community. */
  hotline: string;
  address: string;
}

/** 四至: what bounds the grid on each side, as residents know it (streets, alleys, walls). */
export interface Boundary {
  east: string;
  south: string;
  west: string;
  north: string;
}

export interface Grid {
  id: string;
  streetId: string;
  communityId: string;
  /** CJ/T 349-style: district + street + community + sequence. */
  code: string;
  name: string;
  boundary: Boundary;
  households: number;
  primaryWorkerId: string | null;
  backupWorkerId: string | null;
  /** Opaque token printed in the grid's QR code; rotating it invalidates old posters. */
  qrToken: string;
  /** Bumped on every change: writers pass the version they read and lose if it moved. */
  version: number;
  updatedAt: string;
}

export interface Building {
  id: string;
  streetId: string;
  communityId: string;
  gridId: string;
  name: string;
  units: number;
  /** Sort key within the community: 1号楼 < 2号楼 < 10号楼. */
  seq: number;
}

/** 重点人群: households the grid worker looks after first (notices not yet read, visits). */
export const KEY_GROUPS = ['elderly_alone', 'disabled', 'low_income'] as const;
export type KeyGroup = (typeof KEY_GROUPS)[number];

export const KEY_GROUP_LABELS: Record<KeyGroup, string> = {
  elderly_alone: '独居老人',
  disabled: '残疾人',
  low_income: '低保户',
};

export interface Household {
  id: string;
  streetId: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  unit: number;
  room: string;
  /** Empty for most households. */
  keyGroups: KeyGroup[];
  /**
   * 待核实: a register import left this household out while it was stored; kept (never deleted by an
   * import) until someone checks it. Absent or false for every other household.
   */
  toVerify?: boolean;
}

/** 四至 as people read it: only the sides the register names ('' when it names none). */
export function boundaryText(b: Boundary): string {
  const sides: [string, string][] = [['东至', b.east], ['南至', b.south], ['西至', b.west], ['北至', b.north]];
  return sides.filter(([, v]) => v.trim() !== '').map(([k, v]) => `${k}${v.trim()}`).join('，');
}

export function householdAddress(community: Pick<Community, 'name'>, building: Pick<Building, 'name'>, h: Pick<Household, 'unit' | 'room'>): string {
  return `${community.name}${building.name}${h.unit}单元${h.room}室`;
}
