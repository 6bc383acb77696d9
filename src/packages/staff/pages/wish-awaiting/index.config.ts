export default definePageConfig({ navigationBarTitleText: '待居民确认的心愿', enablePullDownRefresh: true });
