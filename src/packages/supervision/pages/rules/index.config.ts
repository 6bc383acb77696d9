export default definePageConfig({ navigationBarTitleText: '督导评分规则' });
