import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { useLargeText } from '../hooks/use-large-text';
import { EmptyState, ErrorState, Skeleton, StaleBanner } from './StateViews';
import './page-shell.scss';

interface Props {
  className?: string;
  /** First load under way: show a skeleton instead of the content. */
  loading?: boolean;
  skeleton?: 'card' | 'list' | 'form';
  /** A failed load. With no content yet it replaces the page; otherwise a banner keeps the old content. */
  error?: unknown;
  /** Whether there is content to keep showing when `error` is set. */
  hasContent?: boolean;
  onRetry?: () => void;
  /** An empty state to show instead of the content. */
  empty?: { title: string; description?: string; icon?: ReactNode; actions?: ReactNode } | null | false;
  /** Pinned to the bottom of the screen (the page's main action). */
  footer?: ReactNode;
  children?: ReactNode;
}

/**
 * Wraps every page: 大字模式 (a class that raises every font-size variable), and the loading /
 * error-with-retry / empty states so each page handles them the same way.
 */
export default function PageShell({ className, loading, skeleton = 'card', error, hasContent, onRetry, empty, footer, children }: Props) {
  const [largeText] = useLargeText();
  const classes = ['page', largeText ? 'page--large' : '', footer ? 'page--with-footer' : '', className ?? ''].filter(Boolean).join(' ');
  let body: ReactNode;
  if (loading) body = <Skeleton kind={skeleton} />;
  else if (error && !hasContent) body = <ErrorState error={error} onRetry={onRetry} />;
  else if (empty) {
    body = (
      <EmptyState title={empty.title} description={empty.description} icon={empty.icon}>
        {empty.actions}
      </EmptyState>
    );
  } else {
    body = (
      <>
        {error ? <StaleBanner error={error} onRetry={onRetry} /> : null}
        {children}
      </>
    );
  }
  return (
    <View className={classes}>
      <View className="page__body">{body}</View>
      {footer && !loading ? <View className="page__footer no-print">{footer}</View> : null}
    </View>
  );
}
