import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useRef } from 'react';
import type { AgreementView } from '../../../../../contract';
import { AGREEMENT_STATUS_LABELS, PROJECT_STATUS_LABELS } from '../../../../../contract/cobuild';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Screen } from '../../../../components/Screen';
import { ROUTES } from '../../../../routes';
import { agreements as store } from '../../../../stores/cobuild/agreements';
import { cobuildSide } from '../../../../stores/cobuild/side';
import { formatDay } from '../../../../utils/date';
import { signature, versionLabel } from '../../lib/agreement';
import { scopeParams } from '../../lib/scope';
import '../../lib/cobuild.scss';

const go = (url: string) => void Taro.navigateTo({ url });

const Body = observer(({ a }: { a: AgreementView }) => {
  const mySide = cobuildSide.secretary ? '社区' : '单位';
  return (
    <View className="cobuild">
      {store.notice ? <Text className="cobuild__notice">{store.notice}</Text> : null}
      <View className="cobuild__card">
        <View className="cobuild__head">
          <Text className={`cobuild__status cobuild__status--${a.status}`}>{AGREEMENT_STATUS_LABELS[a.status]}</Text>
          <Text className="cobuild__muted">
            {a.year} 年 · {versionLabel(a)}
          </Text>
        </View>
        <Text className="cobuild__title">
          {a.communityName} × {a.unitName} 结对共建协议
        </Text>
        <Text className="cobuild__line">
          期限：{formatDay(a.period.from)} 至 {formatDay(a.period.to)}
        </Text>
        {a.status === 'signed' ? <Text className="cobuild__muted">双方已签署，协议不可再修改</Text> : null}
        {a.supersededBy ? <Text className="cobuild__muted">已有新版本替代本协议</Text> : null}
        {a.supersedes ? <Text className="cobuild__muted">本协议签署后替代上一版</Text> : null}
      </View>
      <View className="cobuild__card">
        <Text className="cobuild__heading">社区职责</Text>
        <Text className="cobuild__text">{a.duties.community}</Text>
        <Text className="cobuild__heading">单位职责</Text>
        <Text className="cobuild__text">{a.duties.unit}</Text>
      </View>
      <View className="cobuild__card">
        <Text className="cobuild__heading">涵盖的共建项目（{a.projects.length}）</Text>
        {a.projects.map((p) => (
          <View
            key={p.id}
            className="cobuild__item"
            onClick={() => go(`${ROUTES.cobuildProject}?id=${encodeURIComponent(p.id)}`)}
          >
            <Text className="cobuild__line">{p.title} ›</Text>
            <Text className="cobuild__muted">{PROJECT_STATUS_LABELS[p.status]}</Text>
          </View>
        ))}
      </View>
      <View className="cobuild__card cobuild__signatures">
        <Text className="cobuild__heading">签署</Text>
        <Text className="cobuild__line cobuild__sign--community">
          社区（{a.communityName}）：{signature(a.signatures.community)}
        </Text>
        <Text className="cobuild__line cobuild__sign--unit">
          单位（{a.unitName}）：{signature(a.signatures.unit)}
        </Text>
      </View>
      {a.can.length > 0 ? (
        <View className="cobuild__submit">
          {a.can.includes('sign') ? (
            <Button className="cobuild__sign" type="primary" size="large" block onClick={store.askSign}>
              以{mySide}身份签署
            </Button>
          ) : null}
          {a.can.includes('edit') ? (
            <Button
              className="cobuild__edit"
              size="large"
              block
              onClick={() => go(`${ROUTES.cobuildAgreementEdit}?id=${encodeURIComponent(a.id)}`)}
            >
              修改草稿
            </Button>
          ) : null}
          {a.can.includes('revise') ? (
            <Button
              className="cobuild__revise"
              size="large"
              block
              onClick={() => go(`${ROUTES.cobuildAgreementEdit}?revises=${encodeURIComponent(a.id)}`)}
            >
              起草新版本
            </Button>
          ) : null}
        </View>
      ) : null}
      {store.signing ? (
        <ConfirmDialog
          prefix="staff-confirm"
          title="签署协议"
          message={`以${mySide}身份签署这份协议？签署后记录签署人和时间；双方都签署后协议不可再修改。`}
          confirmText="确认签署"
          busy={store.signSend.busy}
          error={store.signSend.error}
          onConfirm={() => void store.sign()}
          onCancel={store.cancelSign}
        />
      ) : null}
    </View>
  );
});

/** One 共建协议: duties, projects, period, each side's signature; 签署, 修改草稿, 新版本. */
const Agreement = observer(() => {
  const shownOnce = useRef(false);
  useLoad((params: Record<string, string | undefined>) => {
    // Opened from a community's list of the county admin: that community's year.
    const { communityId, year } = scopeParams(params);
    store.openOne(params.id ?? '', communityId, year);
  });
  useDidShow(() => {
    if (shownOnce.current) void store.list.load();
    shownOnce.current = true;
  });
  const a = store.current;
  let body = <Loading />;
  if (a) body = <Body a={a} />;
  else if (store.list.error) body = <ErrorNotice error={store.list.error} onRetry={store.list.load} />;
  else if (store.list.value && !store.list.loading)
    body = <EmptyState title="没有找到这份协议" description="请从共建协议列表重新打开" />;
  return <Screen>{body}</Screen>;
});

export default Agreement;
