import Taro, { useLoad } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useState } from 'react';
import { ACTIVITY_TYPE_LABELS, ACTIVITY_TYPES } from '../../../../../contract/sixOnes';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { PlacePicker, RadiusChoice } from '../../../../components/PlacePicker';
import { Choices } from '../../../../components/staff/Choices';
import { ReasonInput } from '../../../../components/staff/ReasonInput';
import { Screen, usePageTitle } from '../../../../components/Screen';
import { activityForm as form, RADIUS_CHOICES } from '../../../../stores/staff/activityForm';
import { ROUTES } from '../../../../routes';
import { formatDay, today } from '../../../../utils/date';
import { backOr } from '../../../../utils/navigation';
import './index.scss';

const TYPE_OPTIONS = ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] }));
const LOCATION_HINTS = {
  station: '已先填入本社区的红色驿站，请按活动地点核对',
  county: '本社区还没有红色驿站，已先填入县城中心，请选择活动地点',
  map: '地图上选定的地点',
  directory: '从本社区的地点中选定',
  activity: '活动现有的签到位置',
} as const;

/** A day or a time as one large row that opens the platform's picker. */
function PickerRow(props: {
  name: string;
  mode: 'date' | 'time';
  value: string;
  placeholder: string;
  onChange(value: string): void;
}) {
  const { name, mode, value, placeholder, onChange } = props;
  const extra = mode === 'date' ? { start: today() } : {};
  // The picker wants a legal value even before the form is filled (h5 throws on an empty one).
  const shown = value || (mode === 'date' ? today() : '09:00');
  return (
    <Picker
      className={`staff-activity-form__picker staff-activity-form__picker--${name}`}
      mode={mode}
      value={shown}
      {...extra}
      onChange={(e) => onChange(String(e.detail.value))}
    >
      <View className={`staff-activity-form__pick${value ? '' : ' staff-activity-form__pick--empty'}`}>
        <Text>{(mode === 'date' ? formatDay(value) : value) || placeholder}</Text>
        <Text className="staff-activity-form__pick-action">{value ? '更改' : '选择'}</Text>
      </View>
    </Picker>
  );
}

const Times = observer(() => (
  <>
    <Field name="startTime" label="活动时间" error={form.errors.startTime}>
      <View className="staff-activity-form__pair">
        <PickerRow name="date" mode="date" value={form.date} placeholder="日期" onChange={form.setDate} />
        <PickerRow
          name="startTime"
          mode="time"
          value={form.startTime}
          placeholder="开始"
          onChange={form.setStartTime}
        />
      </View>
    </Field>
    <Field name="endTime" label="结束时间" error={form.errors.endTime} hint="与开始同一天">
      <PickerRow name="endTime" mode="time" value={form.endTime} placeholder="结束" onChange={form.setEndTime} />
    </Field>
    <Field name="signUpBy" label="报名截止" error={form.errors.signUpBy} hint="截止前党员可以报名或取消报名">
      <View className="staff-activity-form__pair">
        <PickerRow
          name="signUpDate"
          mode="date"
          value={form.signUpDate}
          placeholder="日期"
          onChange={form.setSignUpDate}
        />
        <PickerRow
          name="signUpTime"
          mode="time"
          value={form.signUpTime}
          placeholder="时间"
          onChange={form.setSignUpTime}
        />
      </View>
    </Field>
  </>
));

const Place = observer(() => (
  <>
    <Field name="placeName" label="活动地点" error={form.errors.placeName}>
      <Input
        className="staff-activity-form__input staff-activity-form__input--placeName"
        value={form.placeName}
        maxLength={60}
        placeholder="如 社区党群服务中心二楼会议室"
        onChange={form.setPlaceName}
      />
    </Field>
    <Field
      name="location"
      label="签到位置"
      error={form.errors.location}
      hint="党员签到时须在此地点附近（按下方签到范围）"
    >
      <PlacePicker
        chosen={form.point}
        hint={form.locationSource ? LOCATION_HINTS[form.locationSource] : '正在读取本社区的地点…'}
        problem={form.mapProblem}
        onMap={() => void form.chooseOnMap()}
        open={form.placesOpen}
        places={form.places.value}
        loading={form.places.loading}
        error={form.places.error}
        onToggle={form.togglePlaces}
        onRetry={() => void form.places.load()}
        onPick={form.pickPlace}
      />
    </Field>
    <Field name="radius" label="签到范围" error={form.errors.radius} hint="也可填写 20–5000 之间的米数">
      <RadiusChoice choices={RADIUS_CHOICES} value={form.radius} onChoose={form.chooseRadius} />
      <Input
        className="staff-activity-form__input staff-activity-form__input--radius"
        type="number"
        value={form.radius}
        onChange={form.setRadius}
      />
    </Field>
  </>
));

async function save() {
  const wasNew = form.isNew;
  const chair = form.chair !== null;
  const saved = await form.save();
  if (!saved) return;
  void Taro.showToast({ title: wasNew ? '已发布' : '已保存', icon: 'success' });
  backOr(chair ? ROUTES.cobuildRota : ROUTES.staffActivities);
}

async function cancelActivity() {
  const cancelled = await form.confirmCancel();
  if (!cancelled) return;
  void Taro.showToast({ title: '活动已取消', icon: 'success' });
  backOr(ROUTES.staffActivities);
}

const CancelDialog = observer(() =>
  form.cancelOpen ? (
    <ConfirmDialog
      prefix="staff-confirm"
      title="取消活动"
      message={`取消「${form.original.value?.title ?? form.title}」？已报名的党员会收到通知和取消原因。`}
      confirmText="确认取消活动"
      danger
      busy={form.cancelling.busy}
      error={form.cancelling.error}
      onConfirm={() => void cancelActivity()}
      onCancel={form.closeCancel}
    >
      <ReasonInput
        name="cancel"
        value={form.cancelReason}
        error={form.cancelReasonError}
        placeholder="例如：因天气原因改期，另行通知"
        onChange={form.setCancelReason}
      />
    </ConfirmDialog>
  ) : null,
);

const ActivityForm = observer(() => (
  <View className="staff-activity-form">
    {form.chair ? (
      <Text className="staff-activity-form__chair">
        作为{form.chair.year}年{form.chair.month}月轮值主席活动发布到社区活动，主办单位显示为本单位；活动须在
        {form.chair.month}
        月内举行。
      </Text>
    ) : null}
    <Field name="type" label="活动类型" error={form.errors.type} hint="签到后计入党员六个一的对应项目">
      <Choices name="type" options={TYPE_OPTIONS} selected={form.type || null} onPick={form.setType} />
    </Field>
    <Field name="title" label="活动名称" error={form.errors.title}>
      <Input
        className="staff-activity-form__input staff-activity-form__input--title"
        value={form.title}
        maxLength={40}
        placeholder="2–40 字，如 十二月主题党日"
        onChange={form.setTitle}
      />
    </Field>
    <Field name="description" label="活动内容" optional error={form.errors.description}>
      <TextArea
        className="staff-activity-form__description"
        value={form.description}
        maxLength={1000}
        placeholder="议程、要求、联系人等"
        onChange={form.setDescription}
      />
    </Field>
    <Times />
    <Place />
    <Field name="capacity" label="名额（人）" error={form.errors.capacity}>
      <Input
        className="staff-activity-form__input staff-activity-form__input--capacity"
        type="number"
        value={form.capacity}
        onChange={form.setCapacity}
      />
    </Field>
    {form.saving.error && form.saving.error.code !== 'INVALID_INPUT' ? <ErrorNotice error={form.saving.error} /> : null}
    {Object.keys(form.errors).length > 0 ? (
      <Text className="staff-activity-form__invalid">请按提示修改标红的项目</Text>
    ) : null}
    <View className="staff-activity-form__actions">
      <Button
        className="staff-activity-form__save"
        type="primary"
        size="large"
        block
        loading={form.saving.busy}
        onClick={() => void save()}
      >
        {form.isNew ? '发布活动' : '保存修改'}
      </Button>
      {form.isNew ? null : (
        <Button
          className="staff-activity-form__cancel"
          type="danger"
          size="large"
          block
          fill="outline"
          onClick={form.askCancel}
        >
          取消活动
        </Button>
      )}
    </View>
  </View>
));

/**
 * 发布活动, or `?id=` 编辑活动 (secretary): the form, and 取消活动 with a reason; or
 * `?chairYear=&chairMonth=&communityId=` 策划轮值活动: the chair unit's admin plans the month's
 * activity with the same form (cobuild.planChairActivity).
 */
const ActivityEdit = observer(() => {
  // The form shows once opened for this page: never with the previous visit's values (h5 inputs
  // changed right after they are created fail to take the new value).
  const [opened, setOpened] = useState(false);
  const [title, setTitle] = useState<string | null>(null);
  usePageTitle(title);
  useLoad((params: Record<string, string | undefined>) => {
    const chairYear = Number(params.chairYear);
    const chairMonth = Number(params.chairMonth);
    if (params.id) {
      setTitle('编辑活动');
      void form.openEdit(params.id);
    } else if (chairYear && chairMonth && params.communityId) {
      setTitle('策划轮值活动');
      form.openChair({ year: chairYear, month: chairMonth, communityId: decodeURIComponent(params.communityId) });
    } else {
      form.openNew();
    }
    setOpened(true);
  });
  const { original } = form;
  let body = <ActivityForm />;
  if (opened && !form.isNew && original.error) body = <ErrorNotice error={original.error} onRetry={original.load} />;
  else if (!opened || !form.ready) body = <Loading />;
  else if (form.locked)
    body = (
      <View className="staff-activity-form__locked">
        <Text>{original.value?.status === 'cancelled' ? '活动已取消' : '活动已结束'}，不能再修改。</Text>
      </View>
    );
  return (
    <Screen>
      {body}
      <CancelDialog />
    </Screen>
  );
});

export default ActivityEdit;
