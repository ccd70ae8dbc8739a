import type { Random } from '@yz/domain';

// Reservoirs in Hunan are named after the hamlet, hollow or ridge they dam: a qualifier and a landform.
const QUALIFIERS = [
  ...'石黄白大小上下新老高长龙马牛羊鸡狮虎凤鹅桐枫竹松茶桃梅柳樟荷金银铜铁清青红乌双三五九千万东西南北中平月花麻杉桂兰莲鹤鹿',
];
const MIDDLES = [...'门泥水田木子头背岩坑溪板沙枧峰塘坝江桥'];
const LANDFORMS = [...'冲塘坝岭山江源洞坪桥湾口岩坳垅田湖溪河铺坑陂圳寨岗园垌'];
// Common surnames in southern Hunan, including the Yao surnames 盘 and 奉 of Jianghua.
const SURNAMES = [...'王李张刘陈杨黄赵周吴蒋唐何邓胡谭彭曾廖罗雷蔡盘奉文伍龚钟秦魏谢'];
// Names from the years most of these dams were built (1957–1978).
const ERA_NAMES = '东风 红旗 胜利 跃进 五一 向阳 红星 前进 团结 幸福 友谊 丰收 群英 红光 卫星 建设'.split(' ');

/** Returns a function that yields a new reservoir name (… 水库) on every call, never the same one twice. */
export function createReservoirNamer(rng: Random): () => string {
  const used = new Set<string>();
  const eraNames = rng.shuffle([...ERA_NAMES]);
  return () => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const eraName = rng.chance(0.01) ? eraNames.pop() : undefined;
      const stem = eraName ?? placeName(rng);
      const name = `${stem}水库`;
      if (!used.has(name) && new Set(stem).size === stem.length) {
        used.add(name);
        return name;
      }
    }
    throw new Error('reservoir names exhausted');
  };
}

function placeName(rng: Random): string {
  const pattern = rng.next();
  if (pattern < 0.3) return rng.pick(QUALIFIERS) + rng.pick(LANDFORMS); // 双河, 大坪
  if (pattern < 0.5) return rng.pick(SURNAMES) + '家' + rng.pick(LANDFORMS); // 李家冲
  return rng.pick(QUALIFIERS) + rng.pick(MIDDLES) + rng.pick(LANDFORMS); // 石门冲, 黄泥塘
}

const GIVEN = [...'建国华明军平伟强勇志红英辉文斌杰亮涛海林峰永春秀兰芳丽娟玉云龙德清正光新宏利超波'];

/** A plausible Chinese personal name: surname (now and then the compound 欧阳) and one or two given characters. */
export function personName(rng: Random): string {
  const surname = rng.chance(0.03) ? '欧阳' : rng.pick(SURNAMES);
  const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return surname + given;
}

const MOBILE_PREFIXES =
  '130 131 132 133 135 136 137 138 139 150 151 152 153 155 157 158 159 180 181 182 183 186 187 188 189'.split(' ');

/** A fake but well-formed 11-digit mainland mobile number. */
export function mobileNumber(rng: Random): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}
