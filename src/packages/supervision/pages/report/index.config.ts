export default definePageConfig({ navigationBarTitleText: '督导报告', enablePullDownRefresh: true });
