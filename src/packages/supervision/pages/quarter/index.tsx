import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { BULLETIN_TEXT_MAX, BULLETIN_TITLE_MAX } from '../../../../../contract/limits';
import { quarterWords } from '../../../../../contract/quarters';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { QuarterStepper } from '../../../../components/QuarterStepper';
import { Screen } from '../../../../components/Screen';
import { ROUTES } from '../../../../routes';
import { supervisionQuarter as store } from '../../../../stores/supervision/supervisionQuarter';
import { formatTime } from '../../../../utils/date';
import './index.scss';

const STATUS = {
  open: '未关账',
  closing: '正在关账',
  closed: '已关账 · 通报待发布',
  published: '通报已发布',
} as const;

const Dialog = observer(() => {
  if (!store.asking || !store.view.value) return null;
  const words = quarterWords(store.view.value.quarter);
  const close = store.asking === 'close';
  return (
    <ConfirmDialog
      prefix="staff-confirm"
      title={close ? `关账 ${words}` : `发布 ${words}督导通报`}
      message={
        close
          ? '关账后本季度各项数据即固定，不再变化，并按当时的数据生成通报草稿。关账不可撤销。'
          : '发布后各社区书记将收到通知，可查看本社区的督导报告；通报发布后不能再修改。'
      }
      confirmText={close ? '确认关账' : '确认发布'}
      busy={store.sending.busy}
      error={store.sending.error}
      onConfirm={() =>
        void (close ? store.close() : store.publish()).then((ok) => {
          if (ok) void Taro.showToast({ title: close ? '已关账' : '已发布', icon: 'success' });
        })
      }
      onCancel={store.cancel}
    />
  );
});

const Body = observer(() => {
  const { view } = store;
  if (view.error) return <ErrorNotice error={view.error} onRetry={() => void store.reload()} />;
  if (!view.value) return <Loading />;
  const v = view.value;
  const editable = v.status === 'closed';
  return (
    <View className="sv-quarter">
      <View className="sv-quarter__status">
        <Text className={`sv-quarter__state sv-quarter__state--${v.status}`}>{STATUS[v.status]}</Text>
        {v.closedAt && v.status !== 'open' ? (
          <Text className="sv-quarter__when">关账于 {formatTime(v.closedAt)}</Text>
        ) : null}
        {v.publishedAt ? <Text className="sv-quarter__when">发布于 {formatTime(v.publishedAt)}</Text> : null}
        {v.rulesVersion ? <Text className="sv-quarter__when">评分规则第 {v.rulesVersion} 版</Text> : null}
      </View>
      {v.status === 'open' ? (
        <View className="sv-quarter__section">
          <Text className="sv-quarter__text">
            {v.ended
              ? '本季度已结束。关账后数据固定，并生成通报草稿，审阅修改后发布。'
              : '本季度尚未结束，结束后才能关账。当前数据每 5 分钟自动更新。'}
          </Text>
          {v.ended ? (
            <Button className="sv-quarter__close" type="primary" block onClick={() => store.ask('close')}>
              关账并生成通报
            </Button>
          ) : null}
        </View>
      ) : null}
      {v.status === 'closing' ? (
        <View className="sv-quarter__section">
          <Text className="sv-quarter__text">上次关账未完成，请继续关账。</Text>
          <Button className="sv-quarter__close" type="primary" block onClick={() => store.ask('close')}>
            继续关账
          </Button>
        </View>
      ) : null}
      {v.bulletin !== null ? (
        <View className="sv-quarter__section">
          {editable ? (
            <>
              <Field label="通报标题" name="bulletin-title">
                <Input
                  className="sv-quarter__title"
                  value={store.title}
                  maxLength={BULLETIN_TITLE_MAX}
                  onChange={store.setTitle}
                />
              </Field>
              <Field label="通报正文" name="bulletin-text" hint="可直接修改，发布前请审阅">
                <TextArea
                  className="sv-quarter__bulletin"
                  value={store.text}
                  maxLength={BULLETIN_TEXT_MAX}
                  autoSize
                  onChange={store.setText}
                />
              </Field>
            </>
          ) : (
            // Published: the 通报 as it went out, to read (a disabled box would be pale grey).
            <View className="sv-quarter__published">
              <Text className="sv-quarter__published-title">{v.title}</Text>
              {v.bulletin
                .split('\n')
                .slice(1)
                .map((line, i) => (
                  <Text key={i} className="sv-quarter__published-line">
                    {line}
                  </Text>
                ))}
            </View>
          )}
          {store.sending.error && !store.asking ? <ErrorNotice error={store.sending.error} /> : null}
          {editable ? (
            <View className="sv-quarter__actions">
              <Button
                className="sv-quarter__save"
                disabled={!store.edited}
                loading={store.sending.busy && !store.asking}
                onClick={() =>
                  void store.save().then((ok) => ok && void Taro.showToast({ title: '已保存', icon: 'success' }))
                }
              >
                保存修改
              </Button>
              <Button className="sv-quarter__publish" type="primary" onClick={() => store.ask('publish')}>
                发布通报
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
      <View className="sv-quarter__section sv-quarter__export">
        <Text className="sv-quarter__text">
          导出表格：社区、结对单位、职能部门各一张表，附各社区差距清单{v.bulletin !== null ? '和通报' : ''}。
        </Text>
        <Button
          className="sv-quarter__export-quarter"
          block
          loading={store.exporting.busy}
          onClick={() => void store.exportWorkbook('quarter')}
        >
          导出{quarterWords(v.quarter)}督导表格
        </Button>
        {store.half ? (
          <Button
            className="sv-quarter__export-half"
            block
            loading={store.exporting.busy}
            onClick={() => void store.exportWorkbook('half')}
          >
            导出{store.half.year}年{store.half.half === 1 ? '上' : '下'}半年汇总
          </Button>
        ) : null}
        {store.exporting.error ? <ErrorNotice error={store.exporting.error} /> : null}
      </View>
      <View className="sv-quarter__links">
        <Text
          className="sv-quarter__link"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.supervisionRanking}?quarter=${v.quarter}` })}
        >
          查看本季度排名 ›
        </Text>
      </View>
    </View>
  );
});

/**
 * 季度通报 (county admin; `?quarter=2026Q3`, the last ended quarter first): close an ended quarter
 * (its figures frozen, a 情况通报 drafted from them), edit the 通报, publish it to the communities.
 */
const QuarterPage = observer(() => {
  useLoad((params: Record<string, string | undefined>) => void store.enter(params));
  return (
    <Screen>
      <QuarterStepper
        label={quarterWords(store.quarter)}
        atCurrent={store.atCurrent}
        canBack={store.canBack}
        onPrev={() => store.step(-1)}
        onNext={() => store.step(1)}
      />
      <Body />
      <Dialog />
    </Screen>
  );
});

export default QuarterPage;
