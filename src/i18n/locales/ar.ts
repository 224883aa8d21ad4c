/** Arabic (right to left). Load it with `<script type="module" src="…/dist/locales/ar.js">` (or `import 'llama-agent-chat/locales/ar'`). */
import { registerLocale } from '../registry.js';
import type { LlamaChatStrings } from '../strings.js';

export const ar = {
  dir: 'rtl',
  chat: 'محادثة',
  conversation: 'المحادثة',
  message: 'رسالة',
  placeholder: 'اكتب رسالة…',
  send: 'إرسال',
  stop: 'إيقاف',
  retry: 'إعادة المحاولة',
  close: 'إغلاق',
  newConversation: 'محادثة جديدة',
  startNewConversation: 'بدء محادثة جديدة',
  suggestions: 'اقتراحات',
  unread: 'رد جديد',
  loadingHistory: 'جارٍ تحميل الرسائل السابقة…',
  replying: 'المساعد يرد الآن.',
  replied: 'رد المساعد:',
  stopped: 'تم إيقاف الرد.',
  typing: 'المساعد يكتب',
  you: 'أنت:',
  assistant: 'المساعد:',
  storedConversationGone: 'لم تعد محادثتك السابقة موجودة على الخادم، لذا ستبدأ محادثة جديدة عند إرسال رسالتك.',
  retrievedContext: 'السياق المسترجع',
  toolCalls: 'استدعاءات الأدوات',
  toolCalling: 'جارٍ استدعاء',
  toolCalled: 'تم استدعاء',
  toolUsed: 'تم استخدام',
  toolFailed: 'فشل',
  aTool: 'أداة',
  toolUnparsed: 'تعذّر على الخادم تحليل استدعاء الأداة هذا؛ هذا هو النص الخام من النموذج.',
  toolResult: 'النتيجة',
  toolError: 'خطأ',
  blockedBySafety: 'حُظر بواسطة فحص الأمان ({level})',
} satisfies LlamaChatStrings;

registerLocale('ar', ar);
