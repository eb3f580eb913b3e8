import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { BuildingOption, HouseholdOption } from '@core/api/contract';
import { EmptyState, ErrorState, Skeleton } from '../../../components/StateViews';
import { useQuery } from '../../../hooks/use-query';
import { householdApi } from '../api';
import Crumbs, { type Crumb } from './Crumbs';
import TileGrid from './TileGrid';

export interface PickedRoom {
  building: BuildingOption;
  unit: number;
  household: HouseholdOption;
}

interface Props {
  buildings: BuildingOption[];
  /** Steps before this picker (e.g. the community), shown first in the crumbs. */
  before?: Crumb[];
  onPicked: (room: PickedRoom) => void;
}

function Rooms({ building, unit, onPick }: { building: BuildingOption; unit: number; onPick: (h: HouseholdOption) => void }) {
  const q = useQuery(`${building.id}:${unit}`, () => householdApi.households(building.id, unit));
  if (q.loading) return <Skeleton kind="list" />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.reload()} />;
  const rooms = q.data ?? [];
  if (rooms.length === 0) return <EmptyState title="这个单元还没有登记房屋" description="请联系社区工作人员登记，或返回选择其他单元。" />;
  return (
    <TileGrid
      className="e2e-rooms"
      tiles={rooms.map((h) => ({ key: h.id, label: `${h.room}室` }))}
      onPick={(key) => {
        const h = rooms.find((r) => r.id === key);
        if (h) onPick(h);
      }}
    />
  );
}

/** 楼栋 → 单元 → 房号, each a page of big tiles; a one-unit building skips the unit step. */
export default function RoomPicker({ buildings, before = [], onPicked }: Props) {
  const [building, setBuilding] = useState<BuildingOption | null>(null);
  const [unit, setUnit] = useState<number | null>(null);

  const crumbs: Crumb[] = [...before];
  if (!building) {
    crumbs.push({ label: '选择楼栋' });
  } else {
    crumbs.push({
      label: building.name,
      onClick: () => {
        setBuilding(null);
        setUnit(null);
      },
    });
    if (unit === null) crumbs.push({ label: '选择单元' });
    else {
      crumbs.push({ label: `${unit}单元`, onClick: building.units > 1 ? () => setUnit(null) : undefined });
      crumbs.push({ label: '选择房号' });
    }
  }

  return (
    <View>
      <Crumbs items={crumbs} />
      {!building ? (
        <>
          <Text className="step-title">您家在哪栋楼？</Text>
          {buildings.length === 0 ? (
            <EmptyState title="还没有登记楼栋" description="请联系社区工作人员。" />
          ) : (
            <TileGrid
              className="e2e-buildings"
              tiles={buildings.map((b) => ({ key: b.id, label: b.name, sub: `${b.units}个单元` }))}
              onPick={(key) => {
                const b = buildings.find((x) => x.id === key) ?? null;
                setBuilding(b);
                setUnit(b && b.units === 1 ? 1 : null);
              }}
            />
          )}
        </>
      ) : unit === null ? (
        <>
          <Text className="step-title">哪个单元？</Text>
          <TileGrid
            className="e2e-units"
            tiles={Array.from({ length: building.units }, (_, i) => ({ key: String(i + 1), label: `${i + 1}单元` }))}
            onPick={(key) => setUnit(Number(key))}
          />
        </>
      ) : (
        <>
          <Text className="step-title">房号是？</Text>
          <Rooms building={building} unit={unit} onPick={(household) => onPicked({ building, unit, household })} />
        </>
      )}
    </View>
  );
}
