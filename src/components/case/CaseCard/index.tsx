import { Image, Text, View } from '@tarojs/components';
import type { CaseView } from '../../../../contract/functions/complaint';
import { dueLabel, formatTime, placeText, remainingText } from '../labels';
import { CaseStatusTag } from '../StatusTag';
import './index.scss';

export type CaseCardKind = 'mine' | 'queue';

/**
 * A case in a list: category, status, 紧急, description, where it is handled and where it
 * happened; in a handler's queue also who reported it and the deadline now running (已超期 in
 * red). In 我的诉求 the status is the complainant's plain one (正在办理, not 已吹哨).
 * `id="case-<id>"`; a tap opens it.
 */
export function CaseCard({ item, kind, onTap }: { item: CaseView; kind: CaseCardKind; onTap: () => void }) {
  const photo = item.photos.find((p) => p.url)?.url ?? null;
  const open = item.status !== 'closed' && item.status !== 'withdrawn';
  const remaining = open && kind === 'queue' ? remainingText(item.dueAt, item.overdue) : '';
  // The deadlines are the handlers' (a department's 报到 among them): 已超期 is for their queues.
  const overdue = kind === 'queue' && item.overdue;
  return (
    <View
      className={`case-card case-card--${kind}${overdue ? ' case-card--overdue' : ''}`}
      id={`case-${item.id}`}
      onClick={onTap}
    >
      <View className="case-card__body">
        <View className="case-card__head">
          <Text className="case-card__category">{item.category}</Text>
          <CaseStatusTag status={item.status} plain={kind === 'mine'} />
          {item.urgency === 'urgent' ? <Text className="case-card__urgent">紧急</Text> : null}
          {overdue ? <Text className="case-card__overdue">已超期</Text> : null}
        </View>
        <Text className="case-card__description">{item.description}</Text>
        <Text className="case-card__where">{item.location.label}</Text>
        {kind === 'queue' && item.complainant ? (
          <Text className="case-card__who">
            反映人：{item.complainant.name}
            {item.complainant.phone ? <Text className="txy-nowrap"> · {item.complainant.phone}</Text> : null}
          </Text>
        ) : null}
        <View className="case-card__meta">
          <Text className="case-card__place">{placeText(item)}</Text>
          <Text className="case-card__time">提交于 {formatTime(item.submittedAt)}</Text>
        </View>
        {kind === 'queue' && open && item.dueAt ? (
          <Text className={`case-card__due${item.overdue ? ' case-card__due--late' : ''}`}>
            {dueLabel(item)} {formatTime(item.dueAt)}（{remaining}）
          </Text>
        ) : null}
      </View>
      {photo ? <Image className="case-card__image" src={photo} mode="aspectFill" lazyLoad /> : null}
    </View>
  );
}
