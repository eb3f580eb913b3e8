/**
 * 通知到户情况 for one notice: coverage per grid of the export's scope (the same rows the coverage page
 * shows, from notice-coverage's readers and its counters), then the not-reached door list grid by grid
 * (key groups first, as the page lists them) with building, unit, room and residents' masked names.
 * Only grids both in the notice's scope and in the caller's reach appear: the readers refuse the rest.
 */
import type { CoverageRow, NoticeCoverage } from '@core/api/notice.contract';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { tableOf, type SheetData } from '@core/exports/sheet';
import { gridReach, noticeCoverage } from '../notices/notice-coverage';
import type { ExportScope } from './export-scope';

interface CoverageLine {
  community: string;
  row: CoverageRow;
}

interface DoorLine {
  community: string;
  grid: string;
  building: string;
  unit: number | null;
  room: string;
  keyGroups: string;
  residents: string;
}

export interface CoverageExport {
  coverage: NoticeCoverage;
  sheets: SheetData[];
  /** Grids in the export (the first sheet's rows before its total line). */
  grids: number;
}

export async function coverageSheets(ctx: UserContext, scope: ExportScope, noticeId: string | undefined, titleOf: (what: string) => string): Promise<CoverageExport> {
  if (!noticeId) throw new DomainError('INPUT.INVALID', '请选择通知');
  const coverage = await noticeCoverage(ctx, { id: noticeId });
  const grids = coverage.grids.filter((g) => scope.gridIds.has(g.id));
  if (grids.length === 0) throw new DomainError('NOTICE.NOT_FOUND');
  const communityOf = (gridId: string) => scope.places.communities.get(scope.places.grids.get(gridId)?.communityId ?? '')?.name ?? '';
  const total = grids.reduce(
    (t, g) => ({ ...t, households: t.households + g.households, reached: t.reached + g.reached, reads: t.reads + g.reads, acks: t.acks + g.acks, byVisit: t.byVisit + g.byVisit, byPhone: t.byPhone + g.byPhone }),
    { id: 'total', name: '合计', households: 0, reached: 0, rate: 0, rateText: '', reads: 0, acks: 0, byVisit: 0, byPhone: 0 } as CoverageRow,
  );
  total.rate = total.households ? total.reached / total.households : 0;
  const lines: CoverageLine[] = [...grids.map((row) => ({ community: communityOf(row.id), row })), { community: '', row: total }];

  const perGrid = tableOf<CoverageLine>(
    {
      name: '到户情况',
      title: titleOf(`到户情况（${coverage.title}）`),
      columns: [
        { header: '社区', width: 14, kind: 'text', value: (l) => l.community },
        { header: '网格', width: 22, kind: 'text', value: (l) => l.row.name },
        { header: '范围内户数', width: 11, kind: 'integer', value: (l) => l.row.households },
        { header: '已到户', width: 9, kind: 'integer', value: (l) => l.row.reached },
        { header: '到户率', width: 9, kind: 'percent', value: (l) => (l.row.households ? l.row.rate : null) },
        { header: '已读（人）', width: 10, kind: 'integer', value: (l) => l.row.reads },
        ...(coverage.requireAck ? [{ header: '已确认知晓（人）', width: 15, kind: 'integer' as const, value: (l: CoverageLine) => l.row.acks }] : []),
        { header: '上门告知（户）', width: 13, kind: 'integer', value: (l) => l.row.byVisit },
        { header: '电话告知（户）', width: 13, kind: 'integer', value: (l) => l.row.byPhone },
      ],
    },
    lines,
  );

  // One grid at a time (about 300 households each), read only when the writer reaches it.
  async function* doors(): AsyncIterable<DoorLine> {
    for (const g of grids) {
      const [reach, households, buildings] = await Promise.all([
        gridReach(ctx, { id: noticeId as string, gridId: g.id }),
        ctx.deps.store.places.listGridHouseholds(g.id),
        ctx.deps.store.places.listBuildings({ gridId: g.id }),
      ]);
      const household = new Map(households.map((h) => [h.id, h]));
      const building = new Map(buildings.map((b) => [b.id, b.name]));
      for (const d of reach.notReached) {
        const h = household.get(d.householdId);
        yield {
          community: communityOf(g.id),
          grid: reach.gridName,
          building: h ? (building.get(h.buildingId) ?? '') : '',
          unit: h ? h.unit : null,
          room: h ? h.room : d.address,
          keyGroups: d.keyGroups.join('、'),
          residents: d.residents.join('、'),
        };
      }
    }
  }

  const doorList = tableOf<DoorLine>(
    {
      name: '未到户名单',
      title: titleOf(`未到户名单（${coverage.title}）`),
      columns: [
        { header: '社区', width: 14, kind: 'text', value: (d) => d.community },
        { header: '网格', width: 22, kind: 'text', value: (d) => d.grid },
        { header: '楼栋', width: 12, kind: 'text', value: (d) => d.building },
        { header: '单元', width: 7, kind: 'integer', value: (d) => d.unit },
        { header: '房号', width: 9, kind: 'text', value: (d) => d.room },
        { header: '重点人群', width: 16, kind: 'text', value: (d) => d.keyGroups },
        { header: '住户（已脱敏）', width: 18, kind: 'text', value: (d) => d.residents },
      ],
    },
    doors(),
  );
  return { coverage, sheets: [perGrid, doorList], grids: grids.length };
}
