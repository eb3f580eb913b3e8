import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { messageOf } from '../lib/cloud/call-error';
import ActionButton from './ActionButton';
import './state-views.scss';

/** Grey blocks in the shape of what is coming, so the page does not jump when it arrives. */
export function Skeleton({ kind = 'card' }: { kind?: 'card' | 'list' | 'form' }) {
  const rows = kind === 'list' ? 5 : kind === 'form' ? 4 : 1;
  return (
    <View className={`skeleton skeleton--${kind} e2e-loading`} ariaLabel="加载中">
      {kind === 'card' ? (
        <View className="skeleton__card">
          <View className="skeleton__bar skeleton__bar--title" />
          <View className="skeleton__bar skeleton__bar--short" />
          <View className="skeleton__row">
            <View className="skeleton__avatar" />
            <View className="skeleton__col">
              <View className="skeleton__bar" />
              <View className="skeleton__bar skeleton__bar--short" />
            </View>
          </View>
          <View className="skeleton__bar skeleton__bar--button" />
        </View>
      ) : (
        Array.from({ length: rows }, (_, i) => (
          <View key={i} className="skeleton__item">
            <View className="skeleton__bar" />
            <View className="skeleton__bar skeleton__bar--short" />
          </View>
        ))
      )}
      <Text className="skeleton__label">正在加载…</Text>
    </View>
  );
}

/** A failed load in plain words, with the way out: 重试. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <View className="state state--error e2e-error">
      <View className="state__icon state__icon--error">!</View>
      <Text className="state__title">加载失败</Text>
      <Text className="state__desc e2e-error-message">{messageOf(error)}</Text>
      {onRetry && (
        <ActionButton type="primary" size="large" className="state__action e2e-retry" onClick={onRetry}>
          重试
        </ActionButton>
      )}
    </View>
  );
}

/** Nothing to show yet: say so, and offer the next step (children: the actions). */
export function EmptyState({ title, description, icon = '无', children }: { title: string; description?: string; icon?: ReactNode; children?: ReactNode }) {
  return (
    <View className="state state--empty e2e-empty">
      <View className="state__icon">{icon}</View>
      <Text className="state__title">{title}</Text>
      {description && <Text className="state__desc">{description}</Text>}
      {children && <View className="state__actions">{children}</View>}
    </View>
  );
}

/** A reload failed but older data is still on screen: keep it and offer to try again. */
export function StaleBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <View className="stale-banner e2e-stale">
      <Text className="stale-banner__text">刷新失败：{messageOf(error)}</Text>
      {onRetry && (
        <Text className="stale-banner__retry" onClick={onRetry}>
          重试
        </Text>
      )}
    </View>
  );
}
