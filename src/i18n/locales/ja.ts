/** Japanese. Load it with `<script type="module" src="…/dist/locales/ja.js">` (or `import 'llama-agent-chat/locales/ja'`). */
import { registerLocale } from '../registry.js';
import type { LlamaChatStrings } from '../strings.js';

export const ja = {
  dir: 'ltr',
  chat: 'チャット',
  conversation: '会話',
  message: 'メッセージ',
  placeholder: 'メッセージを入力…',
  send: '送信',
  stop: '停止',
  retry: '再試行',
  close: '閉じる',
  newConversation: '新しい会話',
  startNewConversation: '新しい会話を始める',
  suggestions: '提案',
  unread: '新しい返信',
  loadingHistory: '以前のメッセージを読み込んでいます…',
  replying: 'アシスタントが返信中です。',
  replied: 'アシスタントの返信：',
  stopped: '返信を停止しました。',
  typing: 'アシスタントが入力中',
  you: 'あなた：',
  assistant: 'アシスタント：',
  storedConversationGone: '以前の会話はサーバーにもうありません。次にメッセージを送ると新しい会話が始まります。',
  retrievedContext: '取得したコンテキスト',
  toolCalls: 'ツールの呼び出し',
  toolCalling: '呼び出し中',
  toolCalled: '呼び出し済み',
  toolUsed: '使用済み',
  toolFailed: '失敗',
  aTool: 'ツール',
  toolUnparsed: 'サーバーはこのツール呼び出しを解析できませんでした。モデルの生のテキストです。',
  toolResult: '結果',
  toolError: 'エラー',
  blockedBySafety: '安全チェックによりブロックされました（{level}）',
} satisfies LlamaChatStrings;

registerLocale('ja', ja);
