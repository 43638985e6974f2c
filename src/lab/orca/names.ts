/** Japanese patient names: common surnames and given names with their katakana readings. */
import type { Rng } from './prng.js';

type Reading = readonly [kanji: string, kana: string];

const SURNAMES: readonly Reading[] = [
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['高橋', 'タカハシ'],
  ['田中', 'タナカ'],
  ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'],
  ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'],
  ['山田', 'ヤマダ'],
  ['佐々木', 'ササキ'],
  ['山口', 'ヤマグチ'],
  ['松本', 'マツモト'],
  ['井上', 'イノウエ'],
  ['木村', 'キムラ'],
  ['林', 'ハヤシ'],
  ['斎藤', 'サイトウ'],
  ['清水', 'シミズ'],
  ['山崎', 'ヤマザキ'],
  ['森', 'モリ'],
  ['池田', 'イケダ'],
  ['橋本', 'ハシモト'],
  ['阿部', 'アベ'],
  ['石川', 'イシカワ'],
  ['山下', 'ヤマシタ'],
  ['中島', 'ナカジマ'],
  ['石井', 'イシイ'],
  ['小川', 'オガワ'],
  ['前田', 'マエダ'],
  ['岡田', 'オカダ'],
  ['長谷川', 'ハセガワ'],
  ['藤田', 'フジタ'],
  ['後藤', 'ゴトウ'],
  ['近藤', 'コンドウ'],
  ['村上', 'ムラカミ'],
  ['遠藤', 'エンドウ'],
  ['青木', 'アオキ'],
  ['坂本', 'サカモト'],
  ['斉藤', 'サイトウ'],
  ['福田', 'フクダ'],
  ['太田', 'オオタ'],
  ['西村', 'ニシムラ'],
  ['藤井', 'フジイ'],
  ['金子', 'カネコ'],
  ['岡本', 'オカモト'],
  ['藤原', 'フジワラ'],
  ['中野', 'ナカノ'],
  ['三浦', 'ミウラ'],
  ['原田', 'ハラダ'],
  ['中川', 'ナカガワ'],
  ['松田', 'マツダ'],
  ['竹内', 'タケウチ'],
  ['小野', 'オノ'],
  ['田村', 'タムラ'],
  ['中山', 'ナカヤマ'],
  ['和田', 'ワダ'],
  ['石田', 'イシダ'],
  ['森田', 'モリタ'],
];

const MALE: readonly Reading[] = [
  ['太郎', 'タロウ'],
  ['一郎', 'イチロウ'],
  ['健一', 'ケンイチ'],
  ['誠', 'マコト'],
  ['大輔', 'ダイスケ'],
  ['翔太', 'ショウタ'],
  ['拓也', 'タクヤ'],
  ['直樹', 'ナオキ'],
  ['浩', 'ヒロシ'],
  ['茂', 'シゲル'],
  ['清', 'キヨシ'],
  ['勇', 'イサム'],
  ['博', 'ヒロシ'],
  ['隆', 'タカシ'],
  ['蓮', 'レン'],
  ['悠真', 'ユウマ'],
  ['陽翔', 'ハルト'],
  ['湊', 'ミナト'],
  ['大翔', 'ヒロト'],
  ['健太', 'ケンタ'],
  ['和夫', 'カズオ'],
  ['正雄', 'マサオ'],
  ['修', 'オサム'],
  ['学', 'マナブ'],
  ['悟', 'サトル'],
  ['亮', 'リョウ'],
  ['智也', 'トモヤ'],
  ['達也', 'タツヤ'],
  ['翼', 'ツバサ'],
  ['樹', 'イツキ'],
];

const FEMALE: readonly Reading[] = [
  ['花子', 'ハナコ'],
  ['幸子', 'サチコ'],
  ['恵子', 'ケイコ'],
  ['洋子', 'ヨウコ'],
  ['美智子', 'ミチコ'],
  ['久美子', 'クミコ'],
  ['由美', 'ユミ'],
  ['裕子', 'ユウコ'],
  ['直美', 'ナオミ'],
  ['明美', 'アケミ'],
  ['陽子', 'ヨウコ'],
  ['真由美', 'マユミ'],
  ['愛', 'アイ'],
  ['彩', 'アヤ'],
  ['美咲', 'ミサキ'],
  ['さくら', 'サクラ'],
  ['陽菜', 'ヒナ'],
  ['結衣', 'ユイ'],
  ['葵', 'アオイ'],
  ['凛', 'リン'],
  ['芽依', 'メイ'],
  ['結愛', 'ユア'],
  ['和子', 'カズコ'],
  ['節子', 'セツコ'],
  ['千代', 'チヨ'],
  ['京子', 'キョウコ'],
  ['智子', 'トモコ'],
  ['優子', 'ユウコ'],
  ['舞', 'マイ'],
  ['杏', 'アン'],
];

export interface PatientName {
  /** 漢字氏名, surname and given name separated by a full-width space as ORCA stores it. */
  name: string;
  /** カナ氏名 in full-width katakana, separated by a half-width space. */
  kananame: string;
  surname: Reading;
}

/** sex: '1' male, '2' female. */
export function makePatientName(rng: Rng, sex: '1' | '2', surname?: Reading): PatientName {
  const family = surname ?? rng.pick(SURNAMES);
  const given = rng.pick(sex === '1' ? MALE : FEMALE);
  return { name: `${family[0]}　${given[0]}`, kananame: `${family[1]} ${given[1]}`, surname: family };
}

/** A different surname (marriage): used by the simulator's renamed patient. */
export function renamePatient(
  rng: Rng,
  current: { name: string; kananame: string },
): { name: string; kananame: string } {
  const given = current.name.split('　')[1] ?? current.name;
  const givenKana = current.kananame.split(' ')[1] ?? current.kananame;
  let family = rng.pick(SURNAMES);
  while (current.name.startsWith(family[0] + '　')) family = rng.pick(SURNAMES);
  return { name: `${family[0]}　${given}`, kananame: `${family[1]} ${givenKana}` };
}
