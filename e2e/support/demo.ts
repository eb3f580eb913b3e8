/** Who is who in the seeded demo street, read from the running runtime's store (never hard-coded). */
import type { RunningRuntime } from '../../server/runtime/main';

export interface DemoGrid {
  id: string;
  name: string;
  communityId: string;
  qrToken: string;
  version: number;
  primaryWorker: { id: string; name: string };
  backupWorker: { id: string; name: string };
}

export async function gridOf(runtime: RunningRuntime, gridId: string): Promise<DemoGrid> {
  const { places, users } = runtime.store;
  const grid = (await places.getGrid(gridId))!;
  const [primary, backup] = await users.getMany([grid.primaryWorkerId!, grid.backupWorkerId!]);
  return {
    id: grid.id,
    name: grid.name,
    communityId: grid.communityId,
    qrToken: grid.qrToken,
    version: grid.version,
    primaryWorker: { id: primary.id, name: primary.name },
    backupWorker: { id: backup.id, name: backup.name },
  };
}

export async function residentNamed(runtime: RunningRuntime, index: number): Promise<{ id: string; name: string; gridId: string }> {
  const { people } = await runtime.store.listPeople({ role: 'resident', limit: 1, offset: index });
  const user = (await runtime.store.users.getById(people[0].id))!;
  return { id: user.id, name: user.name, gridId: user.residence!.gridId };
}
