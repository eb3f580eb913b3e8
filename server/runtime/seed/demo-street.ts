/**
 * The demo street: a fictional 银杏街道 in a fictional 青川区, sized like the street in the seed documents
 * (5 communities, 48 grids, 36 grid workers, about 15,000 households). Every name, phone number and
 * address is made up. Generation is deterministic: its own seeded PRNG, fixed timestamps, no clock.
 *
 * Sign-in names for the demo (openid): demo-street-1…2, demo-community-<1…5>-<1…2>, demo-worker-<1…36>,
 * demo-resident-<1…192>. demo-street-1 is also the street admin; user-newcomer-1 is a grid worker of the
 * register who has not joined yet (only an invitation binds them).
 */
import { DEFAULT_DUTY_HOURS, type ContactCard } from '@core/contact-card/contact-card';
import type { DutySlot } from '@core/contact-card/duty-hours';
import { unboundOpenid, type User } from '@core/people/user';
import type { Boundary, Building, Community, Grid, Household, Street } from '@core/places/place';
import { OFFICIAL_CALENDARS } from '@core/calendar/official-calendar';
import { DEFAULT_REQUEST_SETTINGS, type Category, type Department, type RequestSettings } from '@core/requests/request';
import type { CategoryKind } from '@core/requests/request.status';
import type { StoreImport } from '../../adapters/store-import';
import { prng } from './prng';

export type DemoStreetData = StoreImport;

/** The register person who has no WeChat identity yet (see the end of demoStreet). */
export const DEMO_NEWCOMER_ID = 'user-newcomer-1';
/** The grid the newcomer backs up: the community's last, so the residents other demos sign in as keep a B角 with a card. */
export const DEMO_NEWCOMER_GRID_ID = 'grid-1-10';

/** Every record carries this time: the demo street "went live" on it. */
export const DEMO_AT = '2026-01-05T00:00:00.000Z';
const SEED = 20260105;

const COMMUNITIES = [
  { name: '东湖社区', grids: 10, workers: 7, address: '青川区银杏街道东湖路18号' },
  { name: '西苑社区', grids: 10, workers: 7, address: '青川区银杏街道西苑街66号' },
  { name: '南山社区', grids: 9, workers: 7, address: '青川区银杏街道南山路120号' },
  { name: '北辰社区', grids: 10, workers: 8, address: '青川区银杏街道北辰大道9号' },
  { name: '中和社区', grids: 9, workers: 7, address: '青川区银杏街道中和街35号' },
] as const;

/**
 * The street's request categories (诉求类别): response deadline in working minutes, resolution deadline in
 * working days from acceptance. Hazards are answered within a working morning and fixed within a day.
 */
const CATEGORIES: { name: string; kind: CategoryKind; responseMinutes: number; resolutionDays: number }[] = [
  { name: '矛盾纠纷', kind: 'dispute', responseMinutes: 24 * 60, resolutionDays: 2 },
  { name: '安全隐患', kind: 'hazard', responseMinutes: 8 * 60, resolutionDays: 1 },
  { name: '环境卫生', kind: 'complaint', responseMinutes: 24 * 60, resolutionDays: 2 },
  { name: '设施报修', kind: 'help', responseMinutes: 24 * 60, resolutionDays: 2 },
  { name: '困难求助', kind: 'help', responseMinutes: 24 * 60, resolutionDays: 2 },
  { name: '噪音扰民', kind: 'complaint', responseMinutes: 24 * 60, resolutionDays: 2 },
  { name: '意见建议', kind: 'suggestion', responseMinutes: 24 * 60, resolutionDays: 2 },
];

/** Departments a community can dispatch to; the phone numbers are made up. */
const DEPARTMENTS = [
  { name: '城管执法中队', phone: '0710-8100001' },
  { name: '派出所', phone: '0710-8100002' },
  { name: '物业服务中心', phone: '0710-8100003' },
  { name: '市政设施维护所', phone: '0710-8100004' },
  { name: '民政办', phone: '0710-8100005' },
];

/** Words the local content check holds for review (a placeholder the demo can trigger on purpose). */
export const DEMO_BLOCKED_WORDS = ['测试违禁词'];

const DISTRICT_CODE = '429901';
const STREET_CODE = `${DISTRICT_CODE}001`;

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN_NAMES = [
  '建国', '秀英', '志强', '丽华', '海燕', '晓东', '桂兰', '文静', '俊杰', '雪梅', '国庆', '玉兰', '明辉', '春花', '伟', '芳', '磊', '敏', '静', '婷',
  '丽娟', '建华', '红梅', '志刚', '淑珍', '永强', '金凤', '德明', '慧敏', '晓燕', '海波', '雅琴', '振华', '秋菊', '宏伟', '美玲', '子豪', '欣怡', '浩然', '思琪',
  '佳怡', '宇航', '梓涵', '一鸣', '雨桐', '嘉诚', '诗涵', '博文', '若曦', '天佑', '瑞华', '素芬', '长林', '凤英', '学军', '翠兰', '庆丰', '玉珍', '家宝', '少华',
  '立新', '惠兰', '卫东', '月娥', '耀祖', '巧玲', '成林', '兰英', '国栋', '小红',
];
/** Stems for fictional street and alley names; a suffix makes each a road or an alley. */
const PLACE_STEMS = [
  '桂花', '樟树', '梧桐', '枫林', '柳岸', '杏花', '荷塘', '松柏', '竹园', '兰亭', '明月', '清泉', '望江', '紫荆', '海棠', '玉兰', '芙蓉', '石榴', '桃源', '梅岭',
  '翠屏', '凤鸣', '金沙', '银湖', '青石', '白鹭', '丹桂', '锦绣', '春晖', '秋实', '文昌', '广济', '安居', '乐业', '和平', '建设', '育才', '光明', '长青', '永宁',
  '福寿', '兴隆', '太平', '迎宾', '朝阳', '新华', '幸福', '团结', '胜利', '友谊', '复兴', '东风', '红星', '向阳', '前进', '健康', '振兴', '学府', '书院', '仓前',
  '码头', '染坊', '铁匠', '柴市', '米市', '盐井', '鼓楼', '钟楼', '城隍', '槐树', '金桥', '玉泉', '云溪', '花溪', '莲池', '仁和', '德胜', '三元', '五福', '九龙',
  '百花', '双井',
];
const LANDMARKS = ['银杏公园围墙', '青川河', '铁路货场围墙', '第三中学围墙', '青川医院围墙', '菜市场后墙', '老粮站围墙', '体育场围墙'];

const INTROS = [
  (w: IntroVars) => `我是${w.grids}的网格员${w.name}，负责辖区走访、矛盾调解和政策咨询。值班时间有事请直接来电，紧急情况请拨打社区热线。`,
  (w: IntroVars) => `您好！我负责${w.grids}的网格服务，居民有困难和诉求都可以联系我，我会尽快上门了解情况。`,
  (w: IntroVars) => `在${w.community}工作多年，熟悉辖区每一栋楼。邻里纠纷、设施报修、办事咨询，欢迎随时找我。`,
  () => '网格无小事，服务在身边。非值班时间请联系B角或社区热线，我们会及时回复。',
];
interface IntroVars {
  name: string;
  grids: string;
  community: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Building shapes the demo uses: units × floors × rooms per floor. */
const SHAPES = (() => {
  const out: { units: number; floors: number; rooms: number; size: number }[] = [];
  for (let units = 2; units <= 4; units++)
    for (let floors = 5; floors <= 18; floors++)
      for (let rooms = 2; rooms <= 4; rooms++) out.push({ units, floors, rooms, size: units * floors * rooms });
  return out;
})();

export function generateDemoStreet(): DemoStreetData {
  const rnd = prng(SEED);
  const street: Street = { id: 'street-1', code: STREET_CODE, name: '银杏街道', district: '青川区' };
  const communities: Community[] = [];
  const grids: Grid[] = [];
  const buildings: Building[] = [];
  const households: Household[] = [];
  /**
   * About 4% of households are elderly people living alone, 1% have a disabled member, 2% receive 低保 —
   * a fixed pattern over the household's position, independent of the other random draws.
   */
  const keyGroupsOf = (n: number): Household['keyGroups'] => {
    const k = (n * 2654435761) % 100;
    if (k < 4) return ['elderly_alone'];
    if (k < 5) return ['disabled'];
    if (k < 7) return ['low_income'];
    return [];
  };
  const users: User[] = [];
  const cards: ContactCard[] = [];

  const usedNames = new Set<string>();
  const personName = (): string => {
    for (;;) {
      const name = `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN_NAMES)}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const stems = rnd.shuffle(PLACE_STEMS);
  let stemAt = 0;
  const placeName = (suffix: string): string => `${stems[stemAt++ % stems.length]}${suffix}`;
  const staff = (id: string, openid: string, posts: User['posts']): User => ({
    id, openid, name: personName(), phone: null, residence: null, posts, createdAt: DEMO_AT,
  });

  // The first street staff member is also the street's admin (台账导入, 人员管理 with invitations and revoking, the audit log).
  users.push(staff('user-street-1', 'demo-street-1', [{ role: 'street_staff', streetId: street.id }, { role: 'street_admin', streetId: street.id }]));
  users.push(staff('user-street-2', 'demo-street-2', [{ role: 'street_staff', streetId: street.id }]));

  const workPhones = new Set<string>();
  let workerNo = 0;
  let residentNo = 0;
  const residentPhones = new Set<string>();

  COMMUNITIES.forEach((spec, ci0) => {
    const ci = ci0 + 1;
    const community: Community = {
      id: `community-${ci}`,
      streetId: street.id,
      code: `${STREET_CODE}${pad(ci, 3)}`,
      name: spec.name,
      hotline: `0710-800000${ci}`,
      address: spec.address,
    };
    communities.push(community);
    for (let k = 1; k <= 2; k++) {
      users.push(staff(`user-community-${ci}-${k}`, `demo-community-${ci}-${k}`, [{ role: 'community_staff', streetId: street.id, communityId: community.id }]));
    }

    // Workers: the first `doubles` (in a shuffled order) cover two neighbouring grids, the rest one.
    const workers: User[] = [];
    for (let i = 0; i < spec.workers; i++) {
      workerNo++;
      workers.push(staff(`user-worker-${workerNo}`, `demo-worker-${workerNo}`, [{ role: 'grid_worker', streetId: street.id, communityId: community.id }]));
    }
    users.push(...workers);
    const doubles = spec.grids - spec.workers;
    const order = rnd.shuffle(workers.map((_, i) => i));
    const primaries: User[] = [];
    order.forEach((wi, rank) => {
      primaries.push(workers[wi]);
      if (rank < doubles) primaries.push(workers[wi]);
    });

    // The grids lie in two rows between the community's north and south roads, split by a middle road;
    // neighbours in a row share the lane between them.
    const north = placeName('路');
    const middle = placeName('大道');
    const south = placeName('路');
    const rows = [Math.ceil(spec.grids / 2), Math.floor(spec.grids / 2)];
    const boundaries: Boundary[] = [];
    rows.forEach((cols, row) => {
      const lanes = Array.from({ length: cols + 1 }, () => (rnd.next() < 0.12 ? rnd.pick(LANDMARKS) : placeName(rnd.pick(['巷', '街', '巷', '里']))));
      for (let c = 0; c < cols; c++) {
        boundaries.push({ east: lanes[c + 1], south: row === 0 ? middle : south, west: lanes[c], north: row === 0 ? north : middle });
      }
    });

    let buildingSeq = 0;
    const communityGrids: Grid[] = [];
    for (let gi = 1; gi <= spec.grids; gi++) {
      const gridId = `grid-${ci}-${pad(gi, 2)}`;
      const target = rnd.int(255, 375);
      const count = rnd.int(6, 14);
      const perBuilding = target / count;
      let gridHouseholds = 0;
      for (let b = 0; b < count; b++) {
        const near = SHAPES.filter((s) => s.size >= perBuilding * 0.8 && s.size <= perBuilding * 1.2);
        const shape = near.length
          ? rnd.pick(near)
          : SHAPES.reduce((best, s) => (Math.abs(s.size - perBuilding) < Math.abs(best.size - perBuilding) ? s : best));
        buildingSeq++;
        const building: Building = {
          id: `building-${ci}-${buildingSeq}`,
          streetId: street.id,
          communityId: community.id,
          gridId,
          name: `${buildingSeq}号楼`,
          units: shape.units,
          seq: buildingSeq,
        };
        buildings.push(building);
        for (let unit = 1; unit <= shape.units; unit++) {
          for (let floor = 1; floor <= shape.floors; floor++) {
            for (let r = 1; r <= shape.rooms; r++) {
              const room = `${floor}${pad(r, 2)}`;
              households.push({
                id: `household-${ci}-${buildingSeq}-${unit}-${room}`,
                streetId: street.id,
                communityId: community.id,
                gridId,
                buildingId: building.id,
                unit,
                room,
                keyGroups: keyGroupsOf(households.length),
              });
              gridHouseholds++;
            }
          }
        }
      }
      communityGrids.push({
        id: gridId,
        streetId: street.id,
        communityId: community.id,
        code: `${community.code}${pad(gi, 2)}`,
        name: `${community.name}第${gi}网格`,
        boundary: boundaries[gi - 1],
        households: gridHouseholds,
        primaryWorkerId: primaries[gi - 1].id,
        backupWorkerId: null,
        qrToken: rnd.hex(32),
        version: 1,
        updatedAt: DEMO_AT,
      });
    }
    // B角: the worker of the nearest following grid (wrapping round) who is not this grid's worker.
    communityGrids.forEach((g, i) => {
      for (let step = 1; step < communityGrids.length; step++) {
        const other = communityGrids[(i + step) % communityGrids.length];
        if (other.primaryWorkerId !== g.primaryWorkerId) {
          g.backupWorkerId = other.primaryWorkerId;
          break;
        }
      }
    });
    grids.push(...communityGrids);

    for (const w of workers) {
      const led = communityGrids.filter((g) => g.primaryWorkerId === w.id);
      let phone: string;
      do phone = `13800${pad(rnd.int(0, 999999), 6)}`;
      while (workPhones.has(phone));
      workPhones.add(phone);
      const dutyHours: DutySlot[] = DEFAULT_DUTY_HOURS.map((s) => ({ ...s, days: [...s.days] }));
      if (rnd.next() < 0.25) dutyHours.push({ days: [6], start: '09:00', end: '12:00' });
      const numbers = led.map((g) => g.name.slice(community.name.length + 1, -2));
      const vars = { name: w.name, grids: `${community.name}第${numbers.join('、')}网格`, community: community.name };
      cards.push({ workerId: w.id, displayName: w.name, workPhone: phone, photoFileId: null, dutyHours, intro: rnd.pick(INTROS)(vars), updatedAt: DEMO_AT });
    }

    // About four residents per grid, each bound by address to a household of their grid.
    for (const g of communityGrids) {
      const homes = rnd.shuffle(households.filter((h) => h.gridId === g.id)).slice(0, 4);
      for (const home of homes) {
        residentNo++;
        let phone: string;
        do phone = `139000${pad(rnd.int(0, 99999), 5)}`;
        while (residentPhones.has(phone));
        residentPhones.add(phone);
        users.push({
          id: `user-resident-${residentNo}`,
          openid: `demo-resident-${residentNo}`,
          name: personName(),
          phone,
          residence: { streetId: street.id, communityId: community.id, gridId: g.id, householdId: home.id, via: 'address', boundAt: DEMO_AT },
          posts: [],
          createdAt: DEMO_AT,
        });
      }
    }
  });

  // One person of the staff register who has not joined yet: no WeChat identity until an admin invites them
  // and they redeem the code. They back up (B角) DEMO_NEWCOMER_GRID_ID, so after joining they see that grid on home; until then
  // its residents' card shows no B角 (a person without a card is not shown).
  // Made last so every other generated name stays as it was.
  const newcomer: User = {
    id: DEMO_NEWCOMER_ID, openid: unboundOpenid(DEMO_NEWCOMER_ID), name: personName(), phone: '13912345678', residence: null,
    posts: [{ role: 'grid_worker', streetId: street.id, communityId: 'community-1' }], createdAt: DEMO_AT,
  };
  users.push(newcomer);
  const backedUp = grids.find((g) => g.id === DEMO_NEWCOMER_GRID_ID);
  if (backedUp) backedUp.backupWorkerId = newcomer.id;

  const categories: Category[] = CATEGORIES.map((c, i) => ({
    id: `category-${pad(i + 1, 2)}`, streetId: street.id, ...c, active: true, seq: i + 1,
  }));
  const departments: Department[] = DEPARTMENTS.map((d, i) => ({ id: `department-${pad(i + 1, 2)}`, streetId: street.id, ...d }));
  const requestSettings: RequestSettings[] = [
    { ...structuredClone(DEFAULT_REQUEST_SETTINGS), streetId: street.id, blockedWords: [...DEMO_BLOCKED_WORDS] },
  ];

  return {
    streets: [street], communities, grids, buildings, households, users, cards,
    categories, departments, requestSettings, calendars: structuredClone(OFFICIAL_CALENDARS),
  };
}
