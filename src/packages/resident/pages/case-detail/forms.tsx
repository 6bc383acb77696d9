import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { ReactNode } from 'react';
import type { CaseView } from '../../../../../contract';
import {
  DEADLINES,
  DEPARTMENT_GRADES,
  RESIDENT_GRADES,
  WHISTLE_CLASSES,
  WHISTLE_REASONS,
} from '../../../../../contract/caseLabels';
import { formatTime } from '../../../../components/case/labels';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Choices } from '../../../../components/staff/Choices';
import { PhotoPicker } from '../../../../components/wish/PhotoPicker';
import { caseDetail } from '../../../../stores/resident/caseDetail';
import { dayOf, nextDay, textLimit, type CaseAction } from '../../../../stores/resident/caseActionForm';
import { directory } from '../../../../stores/directory';

interface Spec {
  /** The button that opens the form. */
  button: string;
  /** Secondary actions (giving up, handing on) are outlined, not red. */
  secondary?: boolean;
  title: string;
  message: string;
  confirm: string;
  text: { label: string; placeholder: string; optional: boolean };
  photos?: { label: string; optional: boolean };
}

/** Each action of `view.can`: its button, what it does, and its note. */
const SPECS: Record<CaseAction, Spec> = {
  withdraw: {
    button: '撤回诉求',
    secondary: true,
    title: '撤回诉求',
    message: '网格员受理前可以撤回。撤回后不再办理，如仍需要可以重新反映。',
    confirm: '确认撤回',
    text: { label: '撤回原因', placeholder: '例如：问题已经解决了', optional: true },
  },
  rate: {
    button: '评价办理结果',
    title: '评价办理结果',
    message: '问题解决得怎么样？选“不满意”会退回重新办理一次。',
    confirm: '提交评价',
    text: { label: '说几句', placeholder: '感谢或建议', optional: true },
  },
  accept: {
    button: '受理（已联系居民）',
    title: '受理诉求',
    message: '受理即首次响应：请先与居民联系，了解情况。',
    confirm: '确认受理',
    text: { label: '备注', placeholder: '例如：已电话联系居民，明天上午到现场', optional: true },
  },
  reply: {
    button: '回复居民',
    secondary: true,
    title: '物业回复',
    message: '告诉居民办理进展，居民可以看到。回复不改变诉求状态，网格员同样可以办理。',
    confirm: '发送回复',
    text: { label: '回复内容', placeholder: '例如：维修师傅明天上午上门更换水管', optional: false },
  },
  resolve: {
    button: '办结',
    title: '办结诉求',
    message: '写明如何解决的，最好附上处理后的照片。办结后请居民评价。',
    confirm: '确认办结',
    text: { label: '办理情况', placeholder: '例如：已联系物业更换路灯，晚上已能正常照明', optional: false },
    photos: { label: '处理后的照片', optional: true },
  },
  escalate: {
    button: '上报社区',
    secondary: true,
    title: '上报社区',
    message: '网格内解决不了的，上报社区书记办理（小事不出网格、大事不出社区）。',
    confirm: '确认上报',
    text: { label: '上报原因', placeholder: '例如：涉及多个楼栋，需要社区协调', optional: false },
  },
  whistle: {
    button: '吹哨（派给职能部门）',
    title: '向职能部门吹哨',
    message: '社区解决不了的难题，派给一个牵头部门和若干协办部门报到办理。',
    confirm: '确认吹哨',
    text: { label: '补充说明', placeholder: '需要部门了解的情况', optional: true },
  },
  reportIn: {
    button: '报到',
    title: '部门报到',
    message: '确认接收并开始办理。报到超过期限会被记为超时。',
    confirm: '确认报到',
    text: { label: '备注', placeholder: '例如：已安排执法中队今天下午到现场', optional: true },
  },
  requestExtension: {
    button: '申请延期',
    secondary: true,
    title: '申请延期',
    message: '期限内确实办不完的，说明原因，由社区书记审批。批准后不计超期。',
    confirm: '提交申请',
    text: { label: '延期原因', placeholder: '例如：需要等待供电部门停电检修', optional: false },
  },
  decideExtension: {
    button: '审批延期申请',
    title: '审批延期申请',
    message: '',
    confirm: '提交审批',
    text: { label: '审批意见', placeholder: '例如：同意，请按新期限办结', optional: true },
  },
  deptResolve: {
    button: '办结并上传凭证',
    title: '部门办结',
    message: '写明办理结果并上传凭证照片，社区核查后评价本部门。',
    confirm: '确认办结',
    text: { label: '办理结果', placeholder: '例如：已依法拆除违建，恢复通道', optional: false },
    photos: { label: '凭证照片（1–6 张）', optional: false },
  },
  assist: {
    button: '提交协办情况',
    title: '提交协办情况',
    message: '协办部门写明本部门做了什么，可附照片。',
    confirm: '提交',
    text: { label: '协办情况', placeholder: '例如：已派人配合现场执法', optional: false },
    photos: { label: '照片', optional: true },
  },
  rateDepartment: {
    button: '评价承办部门',
    title: '评价承办部门',
    message: '核查部门的办理结果后评价。评价计入部门考核。',
    confirm: '提交评价',
    text: { label: '评价说明', placeholder: '例如：响应及时，处理彻底', optional: true },
  },
};

/** The order buttons appear in: what moves the case on first, giving up last. */
const ORDER: CaseAction[] = [
  'accept',
  'reportIn',
  'resolve',
  // 物业回复: the liaison's note to the resident while the grid keeps the case.
  'reply',
  'deptResolve',
  'assist',
  'whistle',
  'decideExtension',
  'rateDepartment',
  'rate',
  'escalate',
  'requestExtension',
  'withdraw',
];

const toChoices = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

/** A day as one large row that opens the platform's date picker. */
function DayPicker({ value, start, onChange }: { value: string; start: string; onChange(day: string): void }) {
  return (
    <Picker
      className="case-form__picker"
      mode="date"
      value={value}
      start={start}
      onChange={(e) => onChange(String(e.detail.value))}
    >
      <View className="case-form__day">
        <Text>{value || '选择日期'}</Text>
        <Text className="case-form__day-action">{value ? '更改' : '选择'}</Text>
      </View>
    </Picker>
  );
}

const Departments = observer(() => {
  const form = caseDetail.form;
  const { departments } = directory;
  if (departments.error) return <ErrorNotice error={departments.error} onRetry={departments.load} />;
  if (!departments.value) return <Text className="case-form__loading">正在读取部门…</Text>;
  // Short names (城管, 住建 …) keep a dozen departments on a few rows; the chosen lead in full under them.
  const all = departments.value.map((d) => ({ value: d.id, label: d.shortName || d.name }));
  const lead = departments.value.find((d) => d.id === form.leadId);
  return (
    <>
      <Field label="牵头部门" name="lead" error={form.errors.lead} hint={lead?.name}>
        <Choices name="lead" options={all} selected={form.leadId || null} onPick={form.setLead} />
      </Field>
      <Field label="协办部门（最多 5 个）" name="assist" optional error={form.errors.assist}>
        <Choices
          name="assist"
          options={all.filter((d) => d.value !== form.leadId)}
          selected={form.assistIds}
          onPick={form.toggleAssist}
        />
      </Field>
    </>
  );
});

const WhistleFields = observer(() => {
  const form = caseDetail.form;
  const days = DEADLINES.deptResolve[form.cls] / (24 * 60);
  return (
    <>
      <Departments />
      <Field label="吹哨事由" name="reason" error={form.errors.reason}>
        <Choices name="reason" options={toChoices(WHISTLE_REASONS)} selected={form.reason} onPick={form.setReason} />
      </Field>
      <Field label="类别" name="class">
        <Choices
          name="class"
          options={toChoices(WHISTLE_CLASSES)}
          selected={form.cls}
          onPick={(c) => form.setClass(c)}
        />
      </Field>
      <Field label="办结期限" name="date" error={form.errors.date} hint={`${form.cls}类默认 ${days} 天`}>
        <DayPicker value={form.date} start={nextDay(dayOf(Date.now()))} onChange={form.setDate} />
      </Field>
    </>
  );
});

const ExtensionRequest = ({ item }: { item: CaseView }) => {
  const ext = item.whistle?.extension;
  if (!ext) return null;
  return (
    <View className="case-form__extension">
      <Text>当前期限：{formatTime(item.whistle!.deadline)}</Text>
      <Text>申请延期至：{formatTime(ext.until)}</Text>
      <Text>原因：{ext.reason}</Text>
    </View>
  );
};

/** The fields of the open action, its 取消 and confirm buttons, and the server's answer when it failed. */
const Fields = observer(({ item, action }: { item: CaseView; action: CaseAction }) => {
  const form = caseDetail.form;
  const spec = SPECS[action];
  const extra: ReactNode[] = [];
  if (action === 'rate')
    extra.push(
      <Field key="grade" label="满意度" name="grade" error={form.errors.grade}>
        <Choices name="grade" options={toChoices(RESIDENT_GRADES)} selected={form.grade} onPick={form.setGrade} />
      </Field>,
    );
  if (action === 'rateDepartment')
    extra.push(
      <Field key="grade" label="部门评价" name="grade" error={form.errors.grade}>
        <Choices name="grade" options={toChoices(DEPARTMENT_GRADES)} selected={form.grade} onPick={form.setGrade} />
      </Field>,
    );
  if (action === 'decideExtension')
    extra.push(
      <ExtensionRequest key="request" item={item} />,
      <Field key="approve" label="审批" name="approve" error={form.errors.approve}>
        <Choices
          name="approve"
          options={[
            { value: 'yes', label: '批准延期' },
            { value: 'no', label: '不批准' },
          ]}
          selected={form.approve === null ? null : form.approve ? 'yes' : 'no'}
          onPick={(v) => form.setApprove(v === 'yes')}
        />
      </Field>,
    );
  if (action === 'whistle') extra.push(<WhistleFields key="whistle" />);
  if (action === 'requestExtension' && item.whistle)
    extra.push(
      <Field
        key="date"
        label="延期至"
        name="date"
        error={form.errors.date}
        hint={`当前期限 ${formatTime(item.whistle.deadline)}`}
      >
        <DayPicker value={form.date} start={dayOf(item.whistle.deadline)} onChange={form.setDate} />
      </Field>,
    );
  return (
    <View className={`case-form case-form--${action}`}>
      <Text className="case-form__title">{spec.title}</Text>
      {spec.message ? <Text className="case-form__message">{spec.message}</Text> : null}
      {extra}
      <Field label={spec.text.label} name="text" optional={spec.text.optional} error={form.errors.text}>
        <TextArea
          className="case-form__text"
          value={form.text}
          placeholder={spec.text.placeholder}
          maxLength={textLimit(action)}
          showCount
          onChange={form.setText}
        />
      </Field>
      {spec.photos ? (
        <Field label={spec.photos.label} name="photos" optional={spec.photos.optional} error={form.errors.photos}>
          <PhotoPicker set={form.photos} name="case-form" />
        </Field>
      ) : null}
      {form.error ? <ErrorNotice error={form.error} /> : null}
      <View className="case-form__buttons">
        <Button
          id="case-form-cancel"
          className="case-form__button"
          size="large"
          disabled={form.busy}
          onClick={form.cancel}
        >
          取消
        </Button>
        <Button
          id="case-form-ok"
          className="case-form__button"
          type="primary"
          size="large"
          loading={form.busy}
          onClick={() => void confirm()}
        >
          {spec.confirm}
        </Button>
      </View>
    </View>
  );
});

async function confirm(): Promise<void> {
  const done = await caseDetail.confirm();
  if (done) void Taro.showToast({ title: done, icon: 'success' });
}

/**
 * What the viewer may do now (`view.can`): a large button per action, or — once one is tapped —
 * that action's form in their place.
 */
export const Actions = observer(({ item }: { item: CaseView }) => {
  const form = caseDetail.form;
  const open = form.action && item.can.includes(form.action) ? form.action : null;
  if (open) return <Fields item={item} action={open} />;
  const actions = ORDER.filter((a) => item.can.includes(a));
  return (
    <>
      {form.error ? <ErrorNotice error={form.error} /> : null}
      {actions.length > 0 ? (
        <View className="case-detail__actions">
          {actions.map((a) => (
            <Button
              key={a}
              id={`case-action-${a}`}
              className={`case-detail__action case-detail__action--${a}`}
              type={SPECS[a].secondary ? 'default' : 'primary'}
              size="large"
              block
              onClick={() => caseDetail.ask(a)}
            >
              {SPECS[a].button}
            </Button>
          ))}
        </View>
      ) : null}
    </>
  );
});
