export default definePageConfig({ navigationBarTitleText: '六个一总览' });
