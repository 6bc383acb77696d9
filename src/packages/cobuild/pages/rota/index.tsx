import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { RotaMonthView, RotaView } from '../../../../../contract';
import { CHAIR_THEME } from '../../../../../contract/limits';
import { CommunityPicker } from '../../../../components/CommunityPicker';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { Screen } from '../../../../components/Screen';
import { Choices } from '../../../../components/staff/Choices';
import { Segmented } from '../../../../components/staff/Segmented';
import { ROUTES } from '../../../../routes';
import { NONE, rota, rotaEditable } from '../../../../stores/cobuild/rota';
import { formatTime } from '../../../../utils/date';
import { useCommunityScope } from '../../lib/scope';
import './index.scss';

const INTRO = '各共建单位按月轮流担任轮值主席：提出当月活动主题，组织一次“六个一”活动。';

/** A month's theme and planned activity, as every month row and chair card shows them. */
const MonthBody = ({ m }: { m: RotaMonthView }) => (
  <>
    {m.theme ? <Text className="cobuild-rota__line cobuild-rota__theme">主题：{m.theme}</Text> : null}
    {m.activity ? (
      <Text className="cobuild-rota__line cobuild-rota__activity">
        活动：{m.activity.title}（{formatTime(m.activity.startAt)}）{m.activity.status === 'cancelled' ? '已取消' : ''}
      </Text>
    ) : null}
  </>
);

const monthTag = (m: RotaMonthView) => (m.current ? '本月' : m.past ? '已过' : '');

/** One month of the year: its chair (or, in the secretary's edit, the units to choose from). */
const MonthRow = observer(({ m, view }: { m: RotaMonthView; view: RotaView }) => {
  const editing = rota.editing;
  const tag = monthTag(m);
  return (
    <View
      className={`cobuild-rota__month${m.current ? ' cobuild-rota__month--current' : ''}${m.past ? ' cobuild-rota__month--past' : ''}`}
      id={`rota-month-${m.month}`}
    >
      <View className="cobuild-rota__head">
        <Text className="cobuild-rota__name">{m.month}月</Text>
        {tag ? (
          <Text className={`cobuild-rota__tag cobuild-rota__tag--${m.current ? 'current' : 'past'}`}>{tag}</Text>
        ) : null}
      </View>
      {editing && rotaEditable(m) ? (
        <Choices
          name={`rota-${m.month}`}
          options={[...view.units.map((u) => ({ value: u.id, label: u.name })), { value: NONE, label: '不安排' }]}
          selected={rota.chosen(m)}
          onPick={(unitId) => rota.pick(m.month, unitId)}
        />
      ) : (
        <Text className="cobuild-rota__line cobuild-rota__chair-name">
          主席单位：{m.chair ? <Text className="txy-nowrap">{m.chair.name}</Text> : '未安排'}
        </Text>
      )}
      {editing && !m.past && !rotaEditable(m) ? (
        <Text className="cobuild-rota__note">已策划活动，主席单位不再更换</Text>
      ) : null}
      <MonthBody m={m} />
    </View>
  );
});

/** The theme form of a month the caller's unit chairs. */
const ThemeForm = observer(() => (
  <View className="cobuild-rota__theme-form">
    <Field name="theme" label="本月主题" error={rota.themeError} hint={`${CHAIR_THEME.min}–${CHAIR_THEME.max} 字`}>
      <Input
        className="cobuild-rota__theme-input"
        value={rota.theme}
        maxLength={CHAIR_THEME.max}
        placeholder="如 关爱老人 温暖社区"
        onChange={rota.setTheme}
      />
    </Field>
    {rota.proposing.error ? <ErrorNotice error={rota.proposing.error} /> : null}
    <View className="cobuild-rota__actions">
      <Button className="cobuild-rota__theme-cancel" onClick={rota.closeTheme}>
        取消
      </Button>
      <Button
        className="cobuild-rota__theme-save"
        type="primary"
        loading={rota.proposing.busy}
        onClick={() => void rota.submitTheme()}
      >
        提交主题
      </Button>
    </View>
  </View>
));

const planActivity = (view: RotaView, month: number) =>
  void Taro.navigateTo({
    url: `${ROUTES.staffActivityEdit}?chairYear=${view.year}&chairMonth=${month}&communityId=${encodeURIComponent(view.communityId)}`,
  });

/** A month the caller's unit chairs: its theme to propose, its activity to plan. */
const ChairCard = observer(({ m, view }: { m: RotaMonthView; view: RotaView }) => {
  const tag = monthTag(m);
  return (
    <View className="cobuild-rota__chair" id={`chair-${m.month}`}>
      <Text className="cobuild-rota__name">
        {view.year}年{m.month}月{tag ? `（${tag}）` : ''}
      </Text>
      {m.theme || m.past ? null : <Text className="cobuild-rota__line">主题：尚未提出</Text>}
      <MonthBody m={m} />
      {m.can.includes('proposeTheme') && rota.themeMonth === m.month ? <ThemeForm /> : null}
      {m.can.length > 0 && rota.themeMonth !== m.month ? (
        <View className="cobuild-rota__actions">
          {m.can.includes('proposeTheme') ? (
            <Button className="cobuild-rota__propose" onClick={() => rota.openTheme(m.month)}>
              {m.theme ? '修改主题' : '提出主题'}
            </Button>
          ) : null}
          {m.can.includes('planActivity') ? (
            <Button className="cobuild-rota__plan" type="primary" onClick={() => planActivity(view, m.month)}>
              策划本月活动
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
});

const Mine = observer(({ view }: { view: RotaView }) => {
  const months = rota.mine;
  if (months.length === 0) return null;
  return (
    <View className="cobuild-rota__mine">
      <Text className="cobuild-rota__section">本单位担任轮值主席的月份</Text>
      {months.map((m) => (
        <ChairCard key={m.month} m={m} view={view} />
      ))}
    </View>
  );
});

/** The secretary's 编辑轮值安排 / 保存 / 取消. */
const EditBar = observer(({ view }: { view: RotaView }) => {
  if (!view.can.includes('set')) return null;
  if (!rota.editing && !view.months.some(rotaEditable))
    return (
      <View className="cobuild-rota__bar">
        <Text className="cobuild-rota__hint">{view.year}年各月已过去或已策划活动，轮值安排不能再更改。</Text>
      </View>
    );
  if (!rota.editing)
    return (
      <View className="cobuild-rota__bar">
        <Button className="cobuild-rota__edit" type="primary" size="large" block onClick={rota.startEdit}>
          编辑轮值安排
        </Button>
      </View>
    );
  return (
    <View className="cobuild-rota__bar">
      <Text className="cobuild-rota__hint">为每个月选择主席单位；已过去的月份不再更改。</Text>
      {rota.saving.error ? <ErrorNotice error={rota.saving.error} /> : null}
      <View className="cobuild-rota__actions">
        <Button className="cobuild-rota__cancel" onClick={rota.cancelEdit}>
          取消
        </Button>
        <Button
          className="cobuild-rota__save"
          type="primary"
          loading={rota.saving.busy}
          onClick={() => void rota.save()}
        >
          保存轮值安排
        </Button>
      </View>
    </View>
  );
});

const Year = observer(({ view }: { view: RotaView }) => (
  <>
    <Mine view={view} />
    <View className="cobuild-rota__year">
      <Text className="cobuild-rota__section">
        {view.communityName} {view.year}年轮值安排
      </Text>
      {view.units.length === 0 ? (
        <Text className="cobuild-rota__note">本社区还没有结对共建单位，暂不能安排轮值主席。</Text>
      ) : null}
      {view.months.map((m) => (
        <MonthRow key={m.month} m={m} view={view} />
      ))}
    </View>
    <EditBar view={view} />
  </>
));

/**
 * 轮值主席: a community's year month by month — the chair unit, its theme and planned activity.
 * The secretary sets the rota; a unit admin sees the months their unit chairs first, proposes the
 * theme and plans the month's activity; the county admin picks a community (`?communityId=`).
 */
const RotaPage = observer(() => {
  const county = useCommunityScope(rota, '轮值主席', () => rota.view.clear());
  // Back from planning the month's activity: the rota as it is now.
  useDidShow(() => {
    if (rota.view.value && !rota.view.loading && !rota.editing) void rota.view.load();
  });
  const { view } = rota;
  const value = view.value;
  const needsPick = county && !rota.communityId;
  let body = <Loading />;
  if (view.error) body = <ErrorNotice error={view.error} onRetry={view.load} />;
  else if (needsPick) body = <></>;
  else if (value) body = <Year view={value} />;
  return (
    <Screen>
      <View className="cobuild-rota__intro">
        <Text>{INTRO}</Text>
        {county ? (
          <CommunityPicker
            name="rota-community"
            placeholder="选择社区"
            value={rota.communityId ?? ''}
            onChange={(id) => rota.open(id, rota.year)}
          />
        ) : null}
      </View>
      {needsPick ? null : (
        <Segmented
          options={rota.years.map((y) => ({ key: String(y), label: `${y}年` }))}
          value={String(rota.year)}
          onChange={(y) => rota.showYear(Number(y))}
        />
      )}
      {rota.notice ? <Text className="cobuild-rota__notice">{rota.notice}</Text> : null}
      <View className="cobuild-rota">{body}</View>
    </Screen>
  );
});

export default RotaPage;
