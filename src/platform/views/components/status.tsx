/**
 * Status components: StatusTag, Timeline, Notice.
 */
import Html, { type Children } from '@kitajs/html';
import { formatDateTime } from '../../i18n/index.js';
import type { ViewContext } from '../context.js';
import { escapeText, str } from '../html.js';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'pending';

export interface StatusTagProps {
  /** Plain text; the text always carries the meaning, the colour only repeats it. */
  label: string;
  tone?: Tone;
}

export function StatusTag({ label, tone = 'neutral' }: StatusTagProps): string {
  return str(<strong class={['tag', `tag--${tone}`]}>{escapeText(label)}</strong>);
}

export interface TimelineEvent {
  at: Date;
  /** Plain text; omitted or empty shows `timeline.system`. */
  actor?: string | null;
  /** Plain text: what happened. */
  text: string;
  /** Plain text: optional comment or reason (line breaks kept). */
  detail?: string | null;
  tone?: Tone;
}

export interface TimelineProps {
  ctx: ViewContext;
  events: TimelineEvent[];
  /** Accessible name of the list (default `timeline.label`). */
  label?: string;
}

/** An ordered list of events, in the order given. */
export function Timeline({ ctx, events, label }: TimelineProps): string {
  if (events.length === 0) return str(<p class="timeline__empty">{escapeText(ctx.t('timeline.empty'))}</p>);
  const safeItems = events.map((e) =>
    str(
      <li class={['timeline__item', e.tone && `timeline__item--${e.tone}`]}>
        <p class="timeline__text">{escapeText(e.text)}</p>
        <p class="timeline__meta">
          <time datetime={Number.isNaN(e.at.getTime()) ? undefined : e.at.toISOString()}>
            {escapeText(formatDateTime(e.at, ctx.lang))}
          </time>
          <span class="timeline__actor">
            {escapeText(ctx.t('timeline.by', { actor: e.actor ? e.actor : ctx.t('timeline.system') }))}
          </span>
        </p>
        {e.detail ? <p class="timeline__detail">{escapeText(e.detail)}</p> : ''}
      </li>,
    ),
  );
  return str(
    <ol class="timeline" aria-label={escapeText(label ?? ctx.t('timeline.label'))}>
      {safeItems}
    </ol>,
  );
}

export type NoticeKind = 'info' | 'success' | 'warning' | 'error';

export interface NoticeProps {
  ctx: ViewContext;
  kind?: NoticeKind;
  /** Plain text heading. */
  title?: string;
  /** Plain text body. */
  text?: string;
  /** Trusted markup body (component output), after `text`. */
  children?: Children;
}

/**
 * A panel for information, success, warning or error. Errors are `role="alert"`, success
 * is `role="status"`; the kind is also spoken through a visually hidden prefix.
 */
export function Notice({ ctx, kind = 'info', title, text, children }: NoticeProps): string {
  const role = kind === 'error' ? 'alert' : kind === 'success' ? 'status' : undefined;
  const safeBody = str(Html.contentsToString([children]));
  const safePrefix = <span class="visually-hidden">{escapeText(ctx.t(`notice.${kind}`))}</span>;
  return str(
    <div class={['notice', `notice--${kind}`]} role={role}>
      {title ? (
        <h2 class="notice__title">
          {safePrefix}
          {escapeText(title)}
        </h2>
      ) : (
        ''
      )}
      {text ? (
        <p class="notice__text">
          {title ? '' : safePrefix}
          {escapeText(text)}
        </p>
      ) : (
        ''
      )}
      {!title && !text ? safePrefix : ''}
      {safeBody}
    </div>,
  );
}
