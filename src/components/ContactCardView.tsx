import { Image, Text, View } from '@tarojs/components';
import type { ScorecardView } from '@core/api/assessment.contract';
import type { ContactCardView as CardView, WorkerCardView } from '@core/contact-card/contact-card';
import { formatPhone, gridLabel, surnameOf } from '../lib/format';
import { dial } from '../lib/phone-call';
import ActionButton from './ActionButton';
import './contact-card-view.scss';

function Portrait({ worker, size }: { worker: WorkerCardView; size: 'large' | 'small' }) {
  if (worker.photoUrl) {
    return <Image className={`ccard__photo ccard__photo--${size}`} src={worker.photoUrl} mode="aspectFill" ariaLabel={`${worker.name}的照片`} />;
  }
  return (
    <View className={`ccard__avatar ccard__avatar--${size}`} ariaLabel={worker.name}>
      <Text>{surnameOf(worker.name)}</Text>
    </View>
  );
}

function DutyTag({ onDuty }: { onDuty: boolean }) {
  return <Text className={`tag ${onDuty ? 'tag--success' : ''} ccard__duty-tag e2e-card-duty-tag`}>{onDuty ? '在岗' : '休息中'}</Text>;
}

interface Props {
  card: CardView;
  /** Shows 「更换住址」 next to the resident's address. */
  onChangeAddress?: () => void;
  /** 服务公示: the grid's public figures; left out while `shown` is false (too few ratings to mean anything). */
  scorecard?: ScorecardView | null;
}

/** 服务公示: text only (the main package carries no chart code); no person is named. */
function Scorecard({ s }: { s: ScorecardView }) {
  return (
    <View className="ccard__block e2e-scorecard">
      <Text className="ccard__block-title ccard__score-title">服务公示</Text>
      <Text className="ccard__score-period">{s.periodLabel}</Text>
      <View className="ccard__facts ccard__score">
        <View className="ccard__fact">
          <Text className="ccard__fact-label">按期办结率</Text>
          <Text className="ccard__fact-value e2e-scorecard-ontime">{s.onTimeDisplay}</Text>
        </View>
        <View className="ccard__fact">
          <Text className="ccard__fact-label">满意率</Text>
          <Text className="ccard__fact-value e2e-scorecard-satisfaction">{s.satisfactionDisplay}</Text>
        </View>
        <View className="ccard__fact">
          <Text className="ccard__fact-label">办理诉求</Text>
          <Text className="ccard__fact-value e2e-scorecard-handled">{s.handled} 件</Text>
        </View>
      </View>
    </View>
  );
}

/**
 * 网格服务联系卡: who looks after this grid, when, and how to reach them — the worker, the B角 for when
 * the worker is off duty, and the community hotline for anything else. Every number has its own call button.
 */
export default function ContactCardView({ card, onChangeAddress, scorecard }: Props) {
  const { grid, worker, backup, hotline, address } = card;
  return (
    <View className="ccard e2e-card" id={`card-${grid.id}`}>
      <View className="ccard__head">
        <View className="ccard__head-row">
          <Text className="ccard__head-title">网格服务联系卡</Text>
          <Text className="ccard__code">{grid.code}</Text>
        </View>
        <Text className="ccard__grid-name e2e-card-grid-name">
          {gridLabel(grid.communityName, grid.name)}
        </Text>
        {grid.boundaryText !== '' && <Text className="ccard__boundary e2e-card-boundary">{grid.boundaryText}</Text>}
        {address ? (
          <View className="ccard__address">
            <Text className="ccard__address-text e2e-card-address">我的住址：{address}</Text>
            {onChangeAddress && (
              <Text className="ccard__address-link e2e-change-address" onClick={onChangeAddress}>
                更换住址
              </Text>
            )}
          </View>
        ) : null}
      </View>

      {worker ? (
        <View className="ccard__worker">
          <View className="ccard__person">
            <Portrait worker={worker} size="large" />
            <View className="ccard__person-main">
              <View className="ccard__name-row">
                <Text className="ccard__name e2e-card-worker-name">{worker.name}</Text>
                <DutyTag onDuty={worker.onDuty} />
              </View>
              <Text className="ccard__role">网格员</Text>
            </View>
          </View>
          <View className="ccard__facts">
            <View className="ccard__fact">
              <Text className="ccard__fact-label">值班时间</Text>
              <Text className="ccard__fact-value e2e-card-duty">{worker.dutyText}</Text>
            </View>
            <View className="ccard__fact">
              <Text className="ccard__fact-label">工作电话</Text>
              <Text className="ccard__fact-value ccard__phone e2e-card-worker-phone">{formatPhone(worker.workPhone)}</Text>
            </View>
            {worker.intro ? (
              <View className="ccard__fact">
                <Text className="ccard__fact-label">个人简介</Text>
                <Text className="ccard__fact-value e2e-card-intro">{worker.intro}</Text>
              </View>
            ) : null}
          </View>
          <ActionButton type="primary" size="large" block className="e2e-card-call" onClick={() => dial(worker.workPhone)}>
            拨打电话
          </ActionButton>
        </View>
      ) : (
        <View className="ccard__worker ccard__worker--none e2e-card-no-worker">
          <Text className="ccard__none-title">本网格暂未指派网格员</Text>
          <Text className="ccard__none-desc">有事请拨打下方社区服务热线</Text>
        </View>
      )}

      {backup ? (
        <View className="ccard__block">
          <Text className="ccard__block-title">B角（网格员不在岗时请联系）</Text>
          <View className="ccard__mini">
            <Portrait worker={backup} size="small" />
            <View className="ccard__mini-main">
              <View className="ccard__name-row">
                <Text className="ccard__mini-name e2e-card-backup-name">{backup.name}</Text>
                <DutyTag onDuty={backup.onDuty} />
              </View>
              <Text className="ccard__mini-phone e2e-card-backup-phone">{formatPhone(backup.workPhone)}</Text>
            </View>
            <ActionButton type="ghost" size="small" className="e2e-card-backup-call" onClick={() => dial(backup.workPhone)}>
              拨打
            </ActionButton>
          </View>
        </View>
      ) : null}

      {scorecard?.shown ? <Scorecard s={scorecard} /> : null}

      <View className="ccard__block">
        <Text className="ccard__block-title">社区服务热线</Text>
        <View className="ccard__mini">
          <View className="ccard__mini-main">
            <Text className="ccard__mini-name">{hotline.name}</Text>
            <Text className="ccard__mini-phone e2e-card-hotline">{hotline.phone ? formatPhone(hotline.phone) : '暂未登记，请到社区办公室咨询'}</Text>
          </View>
          {hotline.phone ? (
            <ActionButton type="ghost" size="small" className="e2e-card-hotline-call" onClick={() => dial(hotline.phone)}>
              拨打
            </ActionButton>
          ) : null}
        </View>
      </View>
    </View>
  );
}
