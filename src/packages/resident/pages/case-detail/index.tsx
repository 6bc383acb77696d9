import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useRef } from 'react';
import type { CaseView } from '../../../../../contract';
import { CaseTimeline } from '../../../../components/case/Timeline';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Screen } from '../../../../components/Screen';
import { caseDetail } from '../../../../stores/resident/caseDetail';
import { Actions } from './forms';
import { CaseHead, Progress, Rating, Resolution, Section, Whistle } from './sections';
import './index.scss';

const Detail = observer(({ item }: { item: CaseView }) => (
  <View className="case-detail">
    <CaseHead item={item} />
    <Progress item={item} />
    <Actions item={item} />
    <Whistle item={item} />
    <Resolution item={item} />
    <Rating item={item} />
    {item.timeline && item.timeline.length > 0 ? (
      <Section title="办理记录" name="timeline">
        <CaseTimeline steps={item.timeline} />
      </Section>
    ) : null}
  </View>
));

/**
 * One case (`?id=`) for the complainant and every handler in scope — notifications open this page
 * whatever the role. Handlers: the case, where and by whom it is handled, the deadline running,
 * the whistle (departments, 报到, late flags, extension), the result and the ratings, the whole
 * 办理记录. The complainant: the case and its 办理进度 in plain words (who handles it now, what
 * comes next and by when, what happened) — the server sends them no timeline or whistle. Both:
 * the actions `view.can` allows, each with its form.
 */
const CaseDetailPage = observer(() => {
  // The case of this page (another detail page may have opened another case meanwhile).
  const id = useRef('');
  useLoad((params: Record<string, string | undefined>) => {
    id.current = decodeURIComponent(params.id ?? '');
    caseDetail.open(id.current);
  });
  // Back from elsewhere: the case as it is now, unless a form is open (the first show finds the load running).
  useDidShow(() => {
    if (id.current && !caseDetail.view.loading && !caseDetail.form.action) caseDetail.open(id.current);
  });
  usePullDownRefresh(() => void caseDetail.view.load().then(() => Taro.stopPullDownRefresh()));
  const { view } = caseDetail;
  const item = caseDetail.item;
  return (
    <Screen>
      {view.error && !item ? <ErrorNotice error={view.error} onRetry={view.load} /> : null}
      {!view.error && !item ? <Loading /> : null}
      {item ? <Detail item={item} /> : null}
    </Screen>
  );
});

export default CaseDetailPage;
