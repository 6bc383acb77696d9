export default definePageConfig({ navigationBarTitleText: '提交记录' });
