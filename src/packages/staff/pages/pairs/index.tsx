import { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { PairMicroGridView } from '../../../../../contract';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Screen } from '../../../../components/Screen';
import { Choices } from '../../../../components/staff/Choices';
import { ListState } from '../../../../components/staff/ListState';
import { UserSearchPanel } from '../../../../components/staff/UserSearchPanel';
import { householdPairs as store, maxHouseholds, type PairForm } from '../../../../stores/staff/pairs';
import './index.scss';

const INTRO =
  '1+1带N：每个小区或楼栋由一名党员和一名网格员结对，共同联系本楼栋的若干户居民。这里设置的内容，本楼栋居民在“我的网格”中可以看到。';

const MemberField = observer(({ form }: { form: PairForm }) => (
  <Field name="member" label="党员" error={form.errors.member} hint="本社区已报到的在职党员">
    <View className="staff-pairs__member">
      <Text className="staff-pairs__member-name">
        {form.memberName ? form.memberName : '尚未选择'}
        {form.memberName && !form.memberOpenid ? '（未在小程序报到，请重新选择）' : ''}
      </Text>
      {form.choosingMember ? (
        <Text className="staff-pairs__close-member" onClick={form.closeMemberSearch}>
          收起
        </Text>
      ) : (
        <Text className="staff-pairs__change-member" onClick={form.openMemberSearch}>
          {form.memberName ? '更换党员' : '选择党员'}
        </Text>
      )}
    </View>
    {form.choosingMember ? (
      <UserSearchPanel
        search={form.search}
        placeholder="党员姓名或手机号"
        emptyTitle="没有找到已报到本社区的党员"
        emptyDescription="请核对姓名或输入完整手机号；党员须先到本社区报到并经书记审核"
        action={(user) =>
          user.openid === form.memberOpenid ? (
            <Text className="staff-pairs__current">当前党员</Text>
          ) : (
            <Button
              className="staff-pairs__pick-member"
              type="primary"
              size="small"
              onClick={() => form.pickMember(user)}
            >
              选择
            </Button>
          )
        }
      />
    ) : null}
  </Field>
));

/** The edit of one building: member, grid worker, N; saved on the version read. */
const EditPair = observer(({ form }: { form: PairForm }) => {
  const max = maxHouseholds(form.micro);
  return (
    <View className="staff-pairs__form">
      <MemberField form={form} />
      <Field name="gridWorker" label="网格员" error={form.errors.gridWorker}>
        <Choices
          name="pair-worker"
          options={form.grid.workers.map((w) => ({ value: w.openid, label: w.name }))}
          selected={form.gridWorkerOpenid}
          onPick={form.pickGridWorker}
        />
      </Field>
      <Field
        name="households"
        label="联系户数"
        error={form.errors.households}
        hint={form.micro.householdCount > 0 ? `本楼栋共 ${form.micro.householdCount} 户，填 1–${max}` : `填 1–${max}`}
      >
        <Input
          className="staff-pairs__households"
          type="number"
          value={form.households}
          maxLength={4}
          placeholder="联系的户数"
          onChange={form.setHouseholds}
        />
      </Field>
      {form.saving.error && form.saving.error.code !== 'INVALID_INPUT' ? (
        <ErrorNotice error={form.saving.error} />
      ) : null}
      <View className="staff-pairs__actions">
        <Button className="staff-pairs__cancel" onClick={store.cancel}>
          取消
        </Button>
        <Button
          className="staff-pairs__save"
          type="primary"
          loading={form.saving.busy}
          onClick={() => void store.save()}
        >
          保存
        </Button>
      </View>
    </View>
  );
});

const Building = observer(({ micro }: { micro: PairMicroGridView }) => {
  const form = store.editing?.micro.id === micro.id ? store.editing : null;
  const notice = store.notice?.microGridId === micro.id ? store.notice.text : null;
  const { pair } = micro;
  return (
    <View className="staff-pairs__micro" id={`pair-${micro.id}`}>
      <View className="staff-pairs__head">
        <Text className="staff-pairs__name">{micro.name}</Text>
        <Text className="staff-pairs__count">{micro.householdCount > 0 ? `共 ${micro.householdCount} 户` : ''}</Text>
      </View>
      {notice ? <Text className="staff-pairs__notice">{notice}</Text> : null}
      {pair ? (
        <View className="staff-pairs__pair">
          <Text className="staff-pairs__line">党员：{pair.memberName}</Text>
          <Text className="staff-pairs__line">网格员：{pair.gridWorkerName}</Text>
          <Text className="staff-pairs__line">联系户：{pair.households} 户</Text>
        </View>
      ) : (
        <Text className="staff-pairs__none">尚未设置1+1带N</Text>
      )}
      {form ? (
        <EditPair form={form} />
      ) : (
        <Button className="staff-pairs__edit" type="primary" onClick={() => store.edit(micro.id)}>
          {pair ? '编辑' : '设置1+1带N'}
        </Button>
      )}
    </View>
  );
});

/**
 * 1+1带N 联系户: each building (小区/楼栋) of the caller's grids with the party member and grid
 * worker who keep in touch with N of its households; a grid worker or the secretary edits them.
 */
const HouseholdPairs = observer(() => {
  useLoad(() => void store.open());
  const grids = store.list.value;
  const grid = store.grid;
  return (
    <Screen>
      <View className="staff-pairs__intro">
        <Text>{INTRO}</Text>
      </View>
      {grids && grids.length > 1 ? (
        <View className="staff-pairs__picker">
          <Text className="staff-pairs__section">选择网格</Text>
          <Choices
            name="pair-grid"
            options={grids.map((g) => ({ value: g.id, label: g.name }))}
            selected={grid?.id ?? null}
            onPick={store.pick}
          />
        </View>
      ) : null}
      <View className="staff-pairs">
        <ListState
          source={store.list}
          emptyTitle="您还没有负责的网格"
          emptyDescription="社区书记任命您为网格员后，这里会列出本网格各楼栋的1+1带N"
        >
          {() =>
            grid && grid.microGrids.length > 0 ? (
              grid.microGrids.map((m) => <Building key={m.id} micro={m} />)
            ) : (
              <EmptyState title="本网格还没有小区或楼栋" description="县党工委在目录中添加微网格后可在此设置" />
            )
          }
        </ListState>
      </View>
    </Screen>
  );
});

export default HouseholdPairs;
