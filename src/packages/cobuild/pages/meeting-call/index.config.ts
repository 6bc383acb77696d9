export default definePageConfig({ navigationBarTitleText: '召集联席会议' });
