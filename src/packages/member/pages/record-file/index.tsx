import Taro, { useLoad } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { RECORD_KIND_LABELS, RECORD_STATUS_LABELS } from '../../../../../contract/sixOnes';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { Prompt } from '../../../../components/Prompt';
import { Screen } from '../../../../components/Screen';
import { SIX_ONES_ROUTES } from '../../../../components/sixOnes/routes';
import { Chips } from '../../../../components/wish/Chips';
import { PhotoPicker } from '../../../../components/wish/PhotoPicker';
import { ROUTES } from '../../../../routes';
import { session } from '../../../../stores/session';
import {
  FILED_KINDS,
  HOUSEHOLD_ADDRESS,
  isFiledKind,
  RECORD_NOTE,
  RECORD_PHOTOS_MAX,
  RECORD_TITLE,
  recordForm,
} from '../../../../stores/member/recordForm';
import { myYear } from '../../../../stores/sixOnesYear';
import { subscriptions } from '../../../../stores/subscriptions';
import './index.scss';

const TITLE_PLACEHOLDER = {
  surveyReport: '例如：老旧小区加装电梯意愿调研',
  pairing: '例如：结对帮扶独居老人刘大爷',
  visit: '例如：十二月走访刘大爷',
} as const;

/** 提交: asks for the review result message (inside the tap, as WeChat requires), then files the record. */
function submit(): void {
  void subscriptions.ask('recordFile').then(async () => {
    if (await recordForm.submit()) void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  });
}

/** 走访记录: which of the member's pairings was visited. */
const PairingChoice = observer(() => {
  const form = recordForm;
  const year = myYear.year;
  // The member's pairings as they are now (one may have just been filed).
  useEffect(() => myYear.show(), []);
  const pairings = year.value?.pairings ?? [];
  return (
    <Field label="走访的结对户" name="pairingId" error={form.errors.pairingId}>
      {year.value === null ? (
        year.error ? (
          <ErrorNotice error={year.error} onRetry={year.load} />
        ) : (
          <Loading />
        )
      ) : pairings.length === 0 ? (
        <Text className="record-file__none">您还没有结对记录。请先登记结对困难群众，再添加走访记录。</Text>
      ) : (
        <Chips
          name="pairing"
          chips={pairings.map((p) => ({ key: p.id, label: p.title }))}
          value={form.pairingId || null}
          onPick={form.setPairing}
        />
      )}
    </Field>
  );
});

/** A rejected record being corrected: what it was and why it was rejected. */
const Refiling = observer(() => {
  const record = recordForm.refiling;
  if (!record) return null;
  return (
    <View className="record-file__refiling">
      <Text className="record-file__refiling-title">
        修改{RECORD_KIND_LABELS[record.kind]}（{RECORD_STATUS_LABELS[record.status]}）
      </Text>
      {record.rejectReason ? <Text className="record-file__reason">驳回理由：{record.rejectReason}</Text> : null}
      {record.household ? (
        <Text>
          结对户：{record.household.name} · {record.household.address}
        </Text>
      ) : null}
      <Text className="record-file__refiling-hint">请按驳回理由修改后重新提交，社区将再次审核。</Text>
    </View>
  );
});

const Form = observer(() => {
  const form = recordForm;
  const kind = form.kind;
  return (
    <View className="record-file">
      <Refiling />
      {form.refiling ? null : (
        <Field label="记录类型" name="kind" error={form.errors.kind}>
          <Chips name="kind" chips={FILED_KINDS} value={kind} onPick={form.setKind} />
        </Field>
      )}
      {kind === 'pairing' && !form.refiling ? (
        <>
          <Field label="结对户姓名" name="householdName" error={form.errors.householdName}>
            <Input
              className="field__input record-file__household-name"
              placeholder="困难群众的真实姓名"
              maxlength={20}
              value={form.householdName}
              onInput={(e) => form.setHouseholdName(e.detail.value)}
            />
          </Field>
          <Field label="结对户住址" name="householdAddress" error={form.errors.householdAddress}>
            <Input
              className="field__input record-file__household-address"
              placeholder="例如：潋江社区 3 栋 2 单元 101 室"
              maxlength={HOUSEHOLD_ADDRESS.max}
              value={form.householdAddress}
              onInput={(e) => form.setHouseholdAddress(e.detail.value)}
            />
          </Field>
        </>
      ) : null}
      {kind === 'visit' && !form.refiling ? <PairingChoice /> : null}
      {kind ? (
        <>
          <Field label="标题" name="title" error={form.errors.title}>
            <Input
              className="field__input record-file__title"
              placeholder={TITLE_PLACEHOLDER[kind]}
              maxlength={RECORD_TITLE.max}
              value={form.title}
              onInput={(e) => form.setTitle(e.detail.value)}
            />
          </Field>
          <Field label="情况说明" name="note" error={form.errors.note}>
            <TextArea
              className="record-file__note"
              value={form.note}
              placeholder={form.notePlaceholder}
              maxLength={RECORD_NOTE.max}
              autoSize
              onChange={form.setNote}
            />
            <Text
              className={`record-file__counter${form.noteLength < RECORD_NOTE.min ? ' record-file__counter--short' : ''}`}
            >
              已写 {form.noteLength}/{RECORD_NOTE.max} 字（至少 {RECORD_NOTE.min} 个字）
            </Text>
          </Field>
          <Field label={`照片凭证（1–${RECORD_PHOTOS_MAX} 张）`} name="photos" error={form.errors.photos}>
            <PhotoPicker set={form.photos} name="record" />
          </Field>
          {form.error ? <ErrorNotice error={form.error} /> : null}
          <View className="record-file__actions">
            <Button
              className="record-file__submit"
              type="primary"
              size="large"
              block
              loading={form.saving}
              onClick={submit}
            >
              {form.refiling ? '重新提交' : '提交审核'}
            </Button>
          </View>
        </>
      ) : null}
    </View>
  );
});

/** Back to 我的六个一: the page this form was opened from, or a new one (opened from elsewhere). */
function backToSixOnes(): void {
  const pages = Taro.getCurrentPages();
  const previous = pages[pages.length - 2]?.route ?? '';
  if (SIX_ONES_ROUTES.sixOnes.endsWith(previous) && previous !== '') void Taro.navigateBack();
  else void Taro.redirectTo({ url: SIX_ONES_ROUTES.sixOnes });
}

/** After filing: what happens next, and the way back to 我的六个一. */
const Filed = observer(() => {
  const record = recordForm.filed;
  if (!record) return null;
  return (
    <View className="record-file__done">
      <Text className="record-file__done-mark">✓</Text>
      <Text className="record-file__done-title">已提交，等待社区审核</Text>
      <Text className="record-file__done-text">
        {RECORD_KIND_LABELS[record.kind]}“{record.title}
        ”已提交。社区书记审核通过后计入您的“六个一”，结果会通过消息通知您。
      </Text>
      <Button className="record-file__back" type="primary" size="large" block onClick={backToSixOnes}>
        查看我的六个一
      </Button>
    </View>
  );
});

/**
 * 提交记录 (sixOnes.fileRecord): 调研报告, 结对困难群众 (name and address) or 走访记录 (one of
 * the member's pairings), with a title, a note and 1–9 photos; `?kind=` picks the kind.
 * `?refile=<recordId>`: a rejected record, prefilled, corrected and filed again (refileRecord).
 */
const RecordFilePage = observer(() => {
  useLoad((params: Record<string, string | undefined>) => {
    const refile = decodeURIComponent(params.refile ?? '');
    if (refile) void recordForm.startRefile(refile);
    else recordForm.start(isFiledKind(params.kind) ? params.kind : null);
  });
  const { me, error } = session;
  const form = recordForm;
  let body;
  if (!me) body = error ? <ErrorNotice error={error} onRetry={session.load} /> : <Loading />;
  else if (!session.isVerifiedMember)
    body = (
      <Prompt
        name="record-file-member"
        title="提交记录需要先完成党员双报到"
        description="在职党员到社区报到并经社区审核通过后，可以在这里提交调研报告、结对帮扶和走访记录。"
        action="去报到"
        onAction={() => void Taro.navigateTo({ url: ROUTES.memberReport })}
      />
    );
  else if (form.filed) body = <Filed />;
  else if (form.preparing) body = <Loading />;
  else if (form.prepareError) body = <ErrorNotice error={form.prepareError} />;
  else body = <Form />;
  return <Screen>{body}</Screen>;
});

export default RecordFilePage;
