/**
 * Message catalog types. Each area keeps its strings in `src/ui/messages/<area>.ts` as one
 * `{ en, ja }` pair with identical keys; `index.ts` merges them, and a unit test checks that both
 * languages have the same keys and the same `{placeholders}`. Use the manual's terms in Japanese
 * (運用環境, クラウド応急措置環境, ローカル応急措置環境, 通常運用モード, 応急措置モード, 復旧措置モード, 管理連番, 差分コピー).
 */
export type Language = 'ja' | 'en';
export type MessageTable = Record<string, string>;
export interface AreaMessages {
  en: MessageTable;
  ja: MessageTable;
}
