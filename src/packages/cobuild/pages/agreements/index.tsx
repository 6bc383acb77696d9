import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { AgreementView } from '../../../../../contract';
import { AGREEMENT_STATUS_LABELS } from '../../../../../contract/cobuild';
import { ROUTES } from '../../../../routes';
import { agreements as store } from '../../../../stores/cobuild/agreements';
import { cobuildSide } from '../../../../stores/cobuild/side';
import { signature, versionLabel } from '../../lib/agreement';
import { ListPage, useListScope } from '../../lib/ListPage';
import { scopeQuery } from '../../lib/scope';
import '../../lib/cobuild.scss';

const go = (url: string) => void Taro.navigateTo({ url });

function AgreementCard({ agreement: a }: { agreement: AgreementView }) {
  return (
    <View
      className="cobuild__card"
      id={`agreement-${a.id}`}
      onClick={() => go(`${ROUTES.cobuildAgreement}?id=${encodeURIComponent(a.id)}${scopeQuery(store)}`)}
    >
      <View className="cobuild__head">
        <Text className={`cobuild__status cobuild__status--${a.status}`}>{AGREEMENT_STATUS_LABELS[a.status]}</Text>
        <Text className="cobuild__muted">
          {a.year} 年 · {versionLabel(a)}
        </Text>
      </View>
      <Text className="cobuild__title">
        {a.communityName} × {a.unitName}
      </Text>
      <Text className="cobuild__line">共建项目 {a.projects.length} 个</Text>
      <Text className="cobuild__line">社区：{signature(a.signatures.community)}</Text>
      <Text className="cobuild__line">单位：{signature(a.signatures.unit)}</Text>
      {a.can.includes('sign') ? <Text className="cobuild__warn">待我方签署</Text> : null}
      <Text className="cobuild__link">查看协议 ›</Text>
    </View>
  );
}

/** 共建协议 of the year, every version newest first; 起草协议 for the secretary or the unit admin. */
const Agreements = observer(() => {
  const picks = useListScope(store, '共建协议', () => void store.list.load());
  // The county admin's view of a community is read-only (each agreement's `can` is empty for them).
  const canDraft = (cobuildSide.secretary !== null || cobuildSide.unitAdmin !== null) && store.communityId === null;
  return (
    <ListPage
      store={store}
      picks={picks}
      what="共建协议"
      add={canDraft ? { label: '起草协议', route: ROUTES.cobuildAgreementEdit } : null}
      list={store.list}
      empty={{
        title: store.year ? `${store.year} 年还没有共建协议` : '今年还没有共建协议',
        description: '定好共建项目后起草协议，社区和单位各自签署',
      }}
    >
      {(items) => items.map((a) => <AgreementCard key={a.id} agreement={a} />)}
    </ListPage>
  );
});

export default Agreements;
