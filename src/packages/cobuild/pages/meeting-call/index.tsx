import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useState } from 'react';
import { MEETING_PLACE, MEETING_SUBJECT } from '../../../../../contract/limits';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { Screen } from '../../../../components/Screen';
import { ROUTES } from '../../../../routes';
import { meetingCall as form, TOPIC_WINDOW_DAYS } from '../../../../stores/cobuild/meetingCall';
import { DayTimeRow } from '../../components/PickerRow';
import './index.scss';

async function submit() {
  const called = await form.submit();
  if (!called) return;
  void Taro.showToast({ title: '已召集', icon: 'success' });
  // The meeting in place of this form: 返回 goes back to the list.
  void Taro.redirectTo({ url: `${ROUTES.cobuildMeeting}?id=${encodeURIComponent(called.id)}` });
}

const CallForm = observer(() => (
  <View className="cobuild-call">
    <Field name="start" label="会议时间" error={form.errors.start}>
      <DayTimeRow name="start" date={form.date} time={form.time} onDate={form.setDate} onTime={form.setTime} />
    </Field>
    <Field name="place" label="会议地点" error={form.errors.place}>
      <Input
        className="cobuild-call__input cobuild-call__input--place"
        value={form.place}
        maxLength={MEETING_PLACE.max}
        placeholder="如 社区党群服务中心三楼会议室"
        onChange={form.setPlace}
      />
    </Field>
    <Field
      name="topicsBy"
      label="议题征集截止"
      error={form.errors.topicsBy}
      hint={`截止前各共建单位可以提交议题；默认会前 ${TOPIC_WINDOW_DAYS} 天`}
    >
      <DayTimeRow
        name="topics"
        date={form.topicsDate}
        time={form.topicsTime}
        onDate={form.setTopicsDate}
        onTime={form.setTopicsTime}
      />
    </Field>
    <Field name="subject" label="会议主题" optional error={form.errors.subject}>
      <Input
        className="cobuild-call__input cobuild-call__input--subject"
        value={form.subject}
        maxLength={MEETING_SUBJECT.max}
        placeholder="如 第四季度联席会议"
        onChange={form.setSubject}
      />
    </Field>
    {form.saving.error && form.saving.error.code !== 'INVALID_INPUT' ? <ErrorNotice error={form.saving.error} /> : null}
    {Object.keys(form.errors).length > 0 ? <Text className="cobuild-call__invalid">请按提示修改标红的项目</Text> : null}
    <View className="cobuild-call__actions">
      <Text className="cobuild-call__note">召集后，各共建单位管理员会收到会议通知。</Text>
      <Button
        className="cobuild-call__submit"
        type="primary"
        size="large"
        block
        loading={form.saving.busy}
        onClick={() => void submit()}
      >
        召集会议
      </Button>
    </View>
  </View>
));

/** 召集联席会议 (secretary): when, where, until when topics are taken, the subject. */
const MeetingCallPage = observer(() => {
  // Never the previous visit's values (h5 inputs changed right after they are created keep the old).
  const [opened, setOpened] = useState(false);
  useLoad(() => {
    form.openNew();
    setOpened(true);
  });
  return <Screen>{opened ? <CallForm /> : <Loading />}</Screen>;
});

export default MeetingCallPage;
