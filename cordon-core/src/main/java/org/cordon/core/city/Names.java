package org.cordon.core.city;

import java.util.SplittableRandom;

/**
 * Plausible Chinese names: a surname drawn by frequency rank (the common surnames cover most of the
 * population, with a long tail), and a one- or two-character given name.
 */
final class Names {
  // Common surnames, most frequent first; weights fall off with rank.
  private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
  private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国文斌宇浩凯晨阳欣怡子涵梓轩雨萱佳琪思远博文俊杰晓梅海燕志强永红丹丹晶亮";
  private static final double[] SURNAME_CDF = cumulative(SURNAMES.length());

  private Names() {
  }

  static String surname(SplittableRandom random) {
    double u = random.nextDouble();
    int lo = 0;
    int hi = SURNAME_CDF.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (SURNAME_CDF[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return String.valueOf(SURNAMES.charAt(lo));
  }

  static String givenName(SplittableRandom random) {
    int length = random.nextInt(100) < 70 ? 2 : 1;
    StringBuilder name = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
    }
    return name.toString();
  }

  private static double[] cumulative(int n) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1.0 / Math.pow(i + 1, 0.9);
      cdf[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cdf[i] /= sum;
    }
    return cdf;
  }
}
