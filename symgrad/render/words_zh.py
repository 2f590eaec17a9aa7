"""The Chinese catalogue: every key of the English one (:mod:`symgrad.render.words`), in Chinese.

Rule names are the ones Chinese calculus textbooks use (加法法则, 乘积法则, 链式法则 …).  The
``{0}``, ``{1}`` placeholders are the English entry's, in whatever order Chinese puts them;
tests/test_language.py holds every key and every placeholder to it.

>>> WORDS["rule.product"]
'乘积法则'
"""

from __future__ import annotations

WORDS = {
    # derivative rules
    "rule.constant": "常数的导数为零",
    "rule.variable": "自变量的导数为 1",
    "rule.sum": "加法法则",
    "rule.constant multiple": "常数倍法则",
    "rule.power": "幂法则",
    "rule.product": "乘积法则",
    "rule.quotient": "商法则",
    "rule.chain": "链式法则，{0}",
    "rule.unknown": "`{0}` 没有求导法则（对 {1} 求导）",
    "rule.other": "{0} 的求导公式",
    "rule.general power": "幂指函数求导（对数求导法）",
    "rule.exponential": "指数函数求导公式",
    "rule.exp": "指数函数求导公式",
    "rule.log": "对数函数求导公式",
    "rule.sqrt": "平方根求导公式",
    "rule.sin": "正弦函数求导公式",
    "rule.cos": "余弦函数求导公式",
    "rule.tan": "正切函数求导公式",
    "rule.tanh": "双曲正切求导公式",
    "rule.sigmoid": "sigmoid 函数求导公式",
    "rule.abs": "绝对值求导公式",
    "rule.relu": "ReLU 求导公式",
    "rule.arcsin": "反正弦函数求导公式",
    "rule.arccos": "反余弦函数求导公式",
    "rule.arctan": "反正切函数求导公式",
    "rule.sinh": "双曲正弦求导公式",
    "rule.cosh": "双曲余弦求导公式",
    "rule.coth": "双曲余切求导公式",
    "rule.sech": "双曲正割求导公式",
    "rule.csch": "双曲余割求导公式",
    "rule.arsinh": "反双曲正弦求导公式",
    "rule.arcosh": "反双曲余弦求导公式",
    "rule.artanh": "反双曲正切求导公式",
    "rule.cot": "余切函数求导公式",
    "rule.sec": "正割函数求导公式",
    "rule.csc": "余割函数求导公式",
    "rule.log base": "以 a 为底的对数求导公式",
    "rule.sign": "符号函数的导数（x ≠ 0 处为零）",
    "rule.erf": "误差函数求导公式",
    "rule.softplus": "softplus 函数求导公式",
    "rule.leaky relu": "Leaky ReLU 求导公式",
    "rule.elu": "ELU 求导公式",
    "rule.silu": "SiLU 函数求导公式",
    "rule.gelu": "GELU 函数求导公式",
    "note.singular": "{0}；在 {1} 处不可导",
    "note.chain": "链式法则",
    "note.simplified": "化简",
    "note.multiplied": "各因子相乘",
    "note.loss": "{0}",
    "note.mean": "对 m 个样本取平均",
    "note.update": "梯度下降的一步，学习率为 {0}",
    "note.identity": "恒等式",
    "note.one-hot": "独热标签：{0}",
    "note.named": "为较长的部分命名",
    "title.network": "{1} 网络的{0}的梯度",
    "head.network": "网络中的各个量",
    "para.network": "第 l 层的每个单元 j 先把加权输入相加得到 z⁽ˡ⁾ⱼ，再经过激活得到 a⁽ˡ⁾ⱼ；"
                    "下面的推导都用这些名字来写。",
    "para.pattern": "第 {0} 层的其余权重都遵循同样的规律：只需改变单元和输入的下标。",
    "para.network-results": "每个参数都经过同样的链，用这些名字写出来：",
    "para.batch-network": "对每个权重和偏置 p：J 的梯度是各样本梯度的平均值，梯度下降让 p "
                          "沿梯度的反方向移动，学习率为 {0}。",
    "note.named-quantity": "为这个量命名",
    "note.same-f": "同一个 f，用这些名字写出",
    # the algebra after the chain rule
    "algebra.substitute": "代入",
    "algebra.sigmoid derivative": "σ′ = σ(1 − σ)",
    "algebra.softmax derivative": "∂pₖ/∂zⱼ = pₖ(δₖⱼ − pⱼ)",
    "algebra.common denominator": "通分",
    "algebra.cancel": "约去",
    "algebra.expand": "展开",
    "algebra.collect": "合并同类项",
    "algebra.factor": "提取公因式",
    "algebra.one-hot labels": "独热标签：Σₖ yₖ = 1",
    "algebra.rearrange": "同样的项，换一种顺序",
    "algebra.simplify": "由 SymPy 化简",
    "algebra.rewrite": "改写",
    # losses
    "loss.mse": "均方误差",
    "loss.mae": "平均绝对误差",
    "loss.distance": "预测值与真实值的距离",
    "loss.bce": "二元交叉熵",
    "loss.cross_entropy": "交叉熵",
    # derivations
    "title.loss": "{1} 的{0}的梯度",
    "title.formula": "{0} 的导数",
    "head.model": "模型与损失函数",
    "head.outer": "损失对预测值 {0} 的导数",
    "head.gradient": "导数 {0}",
    "head.function": "函数",
    "head.batch": "批量梯度与参数更新",
    "head.results": "结果",
    "para.model": "模型 {0} 的输入为 {1}，参数为 {2}。在 m 个样本上，损失 J 是单个样本损失 {3} "
                  "的平均值。",
    "para.batch": "J 的梯度是各样本梯度的平均值；梯度下降让每个参数沿梯度的反方向移动，学习率为 "
                  "{0}。",
    "para.caveats": "注意：{0}。",
    "para.steps-of": "{0} 对 {1} 的导数，逐条法则写出：",
    # stationary points
    "title.minimum": "{0} 的最小值",
    "title.stationary": "{0} 的驻点",
    "head.derivatives": "求导，逐条法则",
    "head.vanish": "导数为零的点",
    "head.kind": "驻点的类型",
    "extrema.none": "这些方程没有实数解：f 没有驻点。",
    "extrema.point": "在 {0} 处：{1}。{2}。",
    "kind.minimum": "极小值点",
    "kind.maximum": "极大值点",
    "kind.saddle": "鞍点",
    "kind.degenerate": "判别法失效，无法判断",
    # stationary points: the tests and the conclusion
    "hessian.positive": "正定",
    "hessian.negative": "负定",
    "hessian.indefinite": "不定（特征值有正有负）",
    "hessian.eigenvalues": "，特征值为 {0}",
    "extrema.least": "{0} 的最小值是 {1}，在 {2} 处取得。",
    "extrema.no-minimum": "f 没有最小值：{0}。",
    "test.minimum": "极小值点",
    "test.maximum": "极大值点",
    "test.saddle": "鞍点",
    "test.degenerate": "退化点（判别法失效）",
    "extrema.only-point": "它唯一的驻点 {0} 是{1}，不是极小值点",
    "extrema.unbounded": "；而且它没有下界",
    # descent traces
    "title.trace": "{0} 上的梯度下降",
    "head.trace-function": "函数及其梯度",
    "head.trace-steps": "每一步",
    "para.trace": "每一步让每个变量沿它在当前点的偏导数的反方向移动，学习率为 {0}；g 就是这个偏"
                  "导数。",
    "trace.warning": "警告：{0}",
    # k-means
    "title.kmeans": "为什么 k 均值的聚类中心是该簇的平均值",
    "head.objective": "目标函数",
    "head.kmeans-derivative": "求导，逐条法则",
    "head.kmeans-solve": "解 {0}",
    "head.algorithm": "算法",
    "kmeans.objective": "k 均值最小化 J = Σᵢ ‖xᵢ − μ_c(i)‖²，即每个点到它所在簇中心的距离的平方"
                        "和。取一个簇的一个坐标，设该簇有 {0} 个点，中心为 {1}：",
    "kmeans.minimum": "为正：所以这是最小值",
    "kmeans.separates": "J = Σᵢ ‖xᵢ − μ_c(i)‖² 是许多这样的项之和，每个簇的每个坐标各一项，且每"
                        "一项只依赖于一个中心的一个坐标；所以每个中心的每个坐标都满足同样的结论"
                        "：μ_k 是分到第 k 簇的那些点的平均值。",
    "kmeans.algorithm": "Lloyd 算法：先取 k 个中心（k-means++ 初始化：第一个中心是随机的一个数据"
                        "点，之后每个中心也是一个数据点，被选中的概率与它到已有最近中心的距离平"
                        "方成正比）；把每个点分给离它最近的中心；再把每个中心移到它那些点的平均"
                        "值，正如上面推导的那样；重复，直到没有点改变所属的簇。这两步都不会使 J "
                        "增大，所以 J 从不增加。如果某个簇失去了所有的点，就把它的中心重新放到离"
                        "该中心最远的那个点上。",
    # checker verdicts
    "title.check": "检查 {0}",
    "head.answer": "答案",
    "head.why": "原因",
    "verdict.right": "结论：正确。",
    "verdict.wrong": "结论：错误。",
    "verdict.undecided": "结论：无法判定。",
    "verdict.claimed": "你的答案：{0}",
    "verdict.expected": "正确答案：{0}",
    "verdict.at": "在 {0} 处两者不相等：",
    # the checker: verdict messages and hints (symgrad/check/)
    "status.right": "正确",
    "status.wrong": "错误",
    "status.undecided": "无法判定",
    "check.claimed": "你的答案：",
    "check.expected": "正确答案：",
    "check.read-as": "把 {0} 读作 {1}",
    "verdict.reading": "答案的读法：{0}。",
    "check.loss-task": "{0}的 ℓ(f, y)",
    "check.lines-task": "{0}，共 {1} 行",
    "check.read-mean": "按批量代价 J = (1/m) Σᵢ ℓᵢ 理解；比较的是单个样本的项 ℓ。",
    "check.read-sum": "按对样本求和 Σᵢ ℓᵢ 理解；比较的是其中的项 ℓ。",
    "check.same-abs": "对实数 f 和 y，√((f − y)²) 与 |f − y| 是同一个函数。",
    "check.gradient-task": "∂ℓ/∂{0}，其中 ℓ = {1}（{2}）",
    "check.right": "正确。",
    "check.right-because": "正确（{0}）。",
    "check.undecided": "无法判定：{0}；请手工检查。",
    "check.wrong": "错误：{0}。",
    "check.hint": " 提示：{0}",
    "check.note": " 注意：{0}",
    "check.counterexample": "在 {0} 处：正确值为 {1}，你的答案为 {2}",
    "check.values": "正确值为 {0}，你的答案为 {1}",
    "hint.swapped": "标签和预测值写反了：标签 y 被放进了对数里；交叉熵应当对预测值取对数，ℓ = {0"
                    "}。",
    "hint.power rule": "幂法则：(uⁿ)′ = n·uⁿ⁻¹·u′——漏掉了因子 n（原来的指数）。",
    "hint.power rule (exponent)": "幂法则：(uⁿ)′ = n·uⁿ⁻¹·u′——指数要减 1。",
    "hint.negative power": "负指数幂：(x⁻ⁿ)′ = −n·x⁻ⁿ⁻¹——指数减 1（−2 变成 −3），而不是向 0 靠近"
                           "。",
    "hint.chain rule": "链式法则：外层函数的导数有了，但还要乘以内层函数的导数。",
    "hint.product rule": "乘积法则：(u·v)′ = u′·v + u·v′，而不是 u′·v′（乘积的导数不等于导数的乘"
                         "积）。",
    "hint.quotient rule": "商法则：(u/v)′ = (u′·v − u·v′)/v²；分子的减法顺序写反了（符号反了）。",
    "hint.exp as power": "eᵘ 不是 u 的幂函数：(eᵘ)′ = eᵘ·u′，而不是 u·eᵘ⁻¹。",
    "hint.sigmoid": "σ′(u) = σ(u)·(1 − σ(u))，而不是 σ(u)·(1 + σ(u))。",
    "hint.tanh": "tanh′(u) = 1 − tanh²(u)，而不是 1 + tanh²(u)。",
    "hint.sign": "符号错误：你的答案恰好是正确答案的 −1 倍。",
    "hint.1/m": "因子 1/m 属于代价 J（m 个样本的平均值）；单个样本的损失 ℓ 及其梯度里没有 1/m。",
    "hint.forgot 1/m": "漏掉了因子 1/m：你的答案是正确答案的 m 倍（要求的是平均值 (1/m)·Σ，你写"
                       "的是对 m 个样本求和）。",
    # backpropagation (the vector view)
    "title.backprop": "{0} 网络（{1}）的反向传播",
    "head.forward": "前向传播",
    "head.local": "局部导数",
    "head.local-steps": "局部导数，逐条法则",
    "head.softmax": "Softmax 与交叉熵",
    "head.delta": "误差信号 δ",
    "head.bp-gradients": "梯度",
    "bp.forward": "a⁽⁰⁾ = x 是输入列向量；每一层先做矩阵乘法，加上偏置，再经过激活函数。",
    "bp.shape": "W 是 {0}×{1} 矩阵",
    "bp.elementwise": "逐元素",
    "bp.softmax": "这里按 {0} 个输出推导；输出个数任意时结果都一样：标签是独热的，各分量之和为 1"
                  "。",
    "bp.one-hot": "独热标签之和为 1",
    "bp.delta-output": "∂ℓ/∂a ⊙ {0}′(z)，化简",
    "bp.delta-softmax": "softmax 与交叉熵",
    "bp.hidden": "l = L − 1, …, 1",
    "bp.agree": "这些矩阵的每个元素都等于标量视角下该权重的 ∂J/∂W；测试保证两种视角一致。",
    # plots
    "plot.step": "步数",
    "plot.loss": "损失 J",
    "plot.loss-title": "梯度下降过程中的损失",
    "plot.points": "经过的点",
    "plot.tangent": "切线（斜率 = f′）",
    "plot.surface": "曲面上的同一条路径",
    "plot.trace-title": "{0} 上的梯度下降，α = {1}",
    "plot.cluster": "第 {0} 簇（{1} 个点）",
    "plot.centers": "中心 μ",
    # terminal text
    "caveat.singular": "在 {0} = 0 处不可导",
    "text.solve": "解 {0}：",
    "text.update": "更新：",
    "text.warning": "警告：{0}",
    "trace.stalls": "路径停滞在{0}附近：梯度已缩小到 {1}（在 {2} 处），那里的黑塞矩阵{3}；"
                    "它并没有趋向最小值，起点稍微改变一点就会离开这里",
    "trace.runs-off": "路径跑远了：点不断远离，f 不断减小（减到 {0}）；f 可能没有下界",
    "trace.diverges": "路径发散：点越走越远，f 每一步都在增大，从 {0} 增大到 {1}；"
                      "对这个函数来说学习率 α 太大了",
    "kmeans.one": "取一个簇的一个坐标：点 {0}，中心 {1}",
    "kmeans.so-mean": "，所以这是最小值：即这些点的平均值。",
    "bp.text-forward": "前向传播（a⁽⁰⁾ = x）：",
    "bp.text-local": "局部导数：",
    "bp.text-with": "其中 ℓ = {0}",
    "bp.text-output": "输出层：",
    "bp.text-hidden": "隐藏层（l = {0}）：",
    "bp.text-gradients": "梯度：",
    "text.model": "模型",
    "text.loss": "损失",
    "text.note": "注意：{0}",
    # words used by several documents
    "or": "或",
    "and": "且",
    "list.sep": "、",
    # --- present2 ---
    # networks in z, a and δ names (render/network_outline.py)
    "head.layer": "第 {0} 层：{1} 及其偏置，用链式法则",
    "note.linear": "z 关于 W 是线性的",
    "note.from-loss": "∂ℓ/∂f，其中 f = a",
    "note.feeds": "a 输入到第 {0} 层的每个单元",
    "note.local": "激活函数的导数",
    "note.delta": "记为 δ",
    "note.delta-softmax": "softmax：每个输出都依赖于 z",
    "para.pattern-index": "第 {0} 层的每个权重和偏置都遵循同样的规律：{1}，{2}。",
    "para.other-deltas": "第 {0} 层的其余单元，步骤相同：",
    "para.network-pattern": "其余每个参数都遵循其所在层的规律。",
    "para.other-outputs": "其余输出，法则相同：",
    # 驻点：每个点的判别与结论（analysis.py、extrema_text.py）
    "reason.second": "{0} {1}  ⇒  {2}",
    "reason.even-order": "{0} {1}  ⇒  {2}（第一个非零导数的阶数为偶数 {3}）",
    "reason.odd-order": "{0}  ⇒  退化：第一个非零导数的阶数为奇数 {1}：这是拐点，"
                        "既不是极小值点也不是极大值点",
    "reason.undecided-sign": "{0}  ⇒  退化：无法判定 {1} 的符号（f 在这里可能不是 {2} 次可导的）",
    "reason.all-vanish": "{0}  ⇒  退化：直到 {1} 阶的导数都为零；判别法失效",
    "reason.hessian": "H = {0}{1}: {2}  ⇒  {3}",
    "reason.hessian-undecided": "H = {0}{1}: 无法判定其特征值的符号  ⇒  退化",
    "hessian.singular": "奇异（{0} 个零特征值，半定）：黑塞矩阵判别法失效",
    "hessian.singular-many": "奇异（{0} 个零特征值，半定）：黑塞矩阵判别法失效",
    "extrema.see-note": "解不是有限个：见注意",
    "extrema.no-real": "没有实数解",
    "extrema.local": "f 在 {0} 处有局部极小值；这个判别法不能说明它是否是 f 的最小值。",
    "extrema.local-many": "f 在 {0} 处有局部极小值；这个判别法不能说明其中哪一个是 f 的最小值。",
    "extrema.undecided": "没有哪个驻点被判定为极小值点：在退化点处判别法失效，"
                         "所以 f 是否有最小值仍无定论。",
    "extrema.incomplete": "找到的驻点都不是极小值点；没有完整的驻点列表，"
                          "关于 f 的最小值无法再下结论。",
    "extrema.no-point": "它没有驻点，而处处可导的函数只能在驻点处取得最小值",
    "extrema.all-kinds": "它的驻点都是{0}，没有一个是极小值点",
    "extrema.and-unbounded": "{0}；而且它没有下界",
    "kind.inflection": "拐点",
    "plural.maximum": "极大值点",
    "plural.saddle": "鞍点",
    "plural.inflection": "拐点",
    "extrema.note": "注意：{0}。",
    "check.not-computed": "未计算",
}

# --- i18n2 ---
# Error messages (symgrad.errors.Said) and the words of the command line, plots and web pages.
from .words_errors_zh import ERRORS as _ERRORS  # noqa: E402
from .words_ui_zh import WORDS as _UI  # noqa: E402

WORDS.update(_ERRORS)
WORDS.update(_UI)

# --- robust2 ---
WORDS["extrema.unbounded-convex"] = "它无下界地减小（见注释）"

# --- present3 ---
# Extrema.note and the checker's verdict messages (see the present3 block of words.py).
WORDS.update({
    "said.cat": "{0}{1}",
    "said.semicolon": "{0}；{1}",
    "said.or": "{0} 或 {1}",
    "note.constant-1": "对每个 x 都有 f′(x) = 0：f 是常数，每一点都是驻点",
    "note.no-closed-form": "{0} 没有闭式解；驻点无法精确求出（需要数值方法）",
    "note.constant-on": "对 {0} 中的每个 x 都有 f′(x) = 0：驻点有无穷多个（f 在那里是常数）",
    "note.periodic-1": "f′(x) = 0 有无穷多个周期性重复的解：{0}；不逐一判别",
    "note.any-integer": "{0}（n 为任意整数）",
    "note.not-finite": "f′(x) = 0 的解不是有限个：{0}",
    "note.family": "∇f = 0 有无穷多个解（{0}）：驻点构成一整条曲线或曲面，这里不作判别",
    "note.every-point": "每一点",
    "note.constant-n": "∇f 处处为 0：f 是常数，每一点都是驻点",
    "note.periodic-n": "∇f 含周期函数，∇f = 0 可能有无穷多个解；这里只列出求得的解",
    "note.caveat": "{0}：最小值可能位于那里，而那里并不是驻点",
    "note.no-solution": "{0} = 0 没有实数解：f 没有驻点",
    "check.by-hand": "{0}；请手工检查。",
    "check.last-line-unfinished": "这不是答案：最后一行仍含有 {0}；请把它算出来并给出结果。",
    "check.line-undecided": "无法判定：第 {0} 行无法确认与上一行相等；没有哪一行被证明是错的。",
    "check.every-line": "正确：每一行都成立。",
    "check.line1-wrong": "第 1 行不是导数：在 {0} 处导数为 {1}，第 1 行为 {2}。",
    "check.line1-other": " 它求的是 {0} 的导数，而不是 {1} 的。",
    "check.line-wrong": "第 {0} 行不等于第 {1} 行：在 {2} 处第 {1} 行为 {3}，第 {0} 行为 {4}。",
    "check.wrong-lead": "错误：{0}",
    "check.forgot-mean": "错误：代价是 m 个样本的平均值 J = (1/m) Σᵢ ℓᵢ；求和 Σᵢ ℓᵢ 是它的 m 倍。"
                         "提示：{0}",
    "check.agree-unproved": "两者在测试的 {0} 个精确点上一致，但无法证明相等，因此未能确认",
    "check.no-test-point": "找不到两边都有定义且为实数的测试点，也无法证明相等",
    "check.sign-note": "凡 u ≠ 0 处 u/|u| 都等于 sign(u)；在 u = 0 处导数和 u/|u| 都不存在",
    "check.read-paren": "{0}（{1}）",
    "check.param-task": "∂ℓ/∂{0}（{1}）",
})


# --- lead ---
WORDS.update({
    "reason.convex-kink": "f 的斜率在这里由负变为非负  ⇒  极小值",
    "reason.sign-change.signs": "f′ 在此前为 {0}，在此后为 {1}",
    "reason.sign-change.root": "x ≈ {0}，是 f′ 在 ({1}, {2}) 内唯一的根：{3}",
    "reason.sign-change": "{0}  ⇒  {1}",
    "reason.sign-change.inflection": "{0}  ⇒  退化：f′ 不变号：这是拐点，既不是极小值点也不是极大值点",
    "note.abs-sum.unbounded": "f 是若干 |线性式| 之和，当 x → {1} 时斜率为 {0}：f 无下界地减小，没有最小值",
    "note.abs-sum.ray": "f 是若干 |线性式| 之和，是凸的分段线性函数，对每个 x ≤ {0} 斜率都为 0："
                        "最小值在这整条射线上取得",
    "note.abs-sum.kink": "f 是若干 |线性式| 之和，因此是凸的分段线性函数：它的最小值在斜率由负变为非负的"
                         "折点处取得，x = {0}（此前斜率为 {1}，此后为 {2}）",
    "note.abs-sum.flat": "在 {0} 上斜率为 0，其中每个 x 都取得这个最小值",
    "extrema.piecewise-linear": "f 是分段线性函数：由它的斜率判定，见注释",
    "trace.undefined": "f 或它的梯度在 {0} 处无定义或不是实数",
    "trace.cannot-evaluate": "无法在 {0} 处计算 f（溢出或无定义）",
    "trace.not-finite": "f 或它的梯度在 {0} 处不是有限值；路径发散",
    "trace.passed": "|f| = {0} 超过了 {1}：路径发散",
    "trace.digits": "{0} 的精确值需要超过 {1} 位数字；请改用浮点数输入继续",
    "trace.too-complex": "{0} 的精确值变得过于复杂；请改用浮点数输入继续",
    "trace.stopped": "在第 {0} 步之前停止：{1}",
    "trace.zero-start": "起点 {0} 处梯度为零：梯度下降永远不会离开这个驻点（{1}）",
    "trace.kind.minimum": "它是极小值点，无需再走",
    "trace.kind.degenerate": "二阶导数判别法无法判断它是否为极小值点",
    "trace.kind.other": "它是{0}，不是极小值点",
    "trace.increased": "f 在第 {0} 步增大了：学习率 α 可能太大（路径冲过了头）",
    "trace.increased-many": "f 在第 {0} 步增大了：学习率 α 可能太大（路径冲过了头）",
    "kmeans.summary": "k-means，k = {0}，{2} 维空间中的 {1} 个点：{4}后{3}，J = {5}",
    "kmeans.summary.converged": "已收敛",
    "kmeans.summary.stopped": "已停止（达到 max_iter）",
    "kmeans.summary.iteration": "{0} 次迭代",
    "kmeans.summary.iterations": "{0} 次迭代",
    "kmeans.summary.center": "  μ{0} = ({1})   {2} 个点",
    "kmeans.summary.center-one": "  μ{0} = ({1})   {2} 个点",
    "said.comma": "{0}, {1}",
})


# --- index form (render/index_outline.py) ---
WORDS.update({
    "head.index-model": "模型，用求和写出",
    "head.index-output": "输出层：{0}",
    "head.index-output-formula": "导数 {0}",
    "head.index-hidden": "第 {0} 层：由上一层得到 {1}",
    "head.index-gradients": "每个权重和每个偏置",
    "head.index-matrix": "矩阵形式",
    "head.index-rules": "附录：局部导数，逐条法则",
    "para.index-network": "每个权重都只通过一个加权和进入损失，所以推导只写一次，对每层的一般单元 j "
                          "和输入 k：任何宽度都一样（这里是 {0}）。要完整展开某一个权重："
                          "derive(loss, wrt=\"{1}\")，或 --wrt {1}。",
    "para.index-formula": "模型是 {0} 个输入的加权和，所以推导只写一次，对一般的权重 wⱼ："
                          "任何 n 都一样。要完整展开某一个权重：derive(loss, wrt=\"{1}\")，"
                          "或 --wrt {1}。",
    "para.index-kinks": "在某个 {0} 处损失不可导；公式在那里取导数为 0。",
    "para.index-matrix": "整层一起（δ、a 和 b 写成列向量，⊙ 逐元素相乘），与向量视图的计算相同：",
    "para.index-matrix-formula": "所有权重一起，w 和 x 写成列向量：",
    "index.caveat": "在某个 {0} 处不可导",
    "index.weighted-sum": "加权和：每个输入一项",
    "index.activation": "逐个单元的激活",
    "index.softmax": "softmax：每个输出都依赖每个 z",
    "index.loss": "{0}",
    "index.mean": "对 m 个样本取平均",
    "index.delta": "记为 δ",
    "index.loss-derivative": "由 ℓ 按求导法则得到（见附录）",
    "index.loss-term": "ℓ 对输出求和：只有一项依赖它",
    "index.local.sigmoid": "σ′ = σ(1 − σ)",
    "index.local.tanh": "tanh′ = 1 − tanh²",
    "index.local.relu": "z > 0 时 relu′(z) 为 1，否则为 0",
    "index.local.rules": "激活函数的导数（见附录）",
    "index.local.softmax": "softmax 的导数",
    "index.chain": "链式法则：z 只通过激活值影响 ℓ",
    "index.chain-softmax": "链式法则：zⱼ 通过每个输出影响 ℓ",
    "index.chain-sum": "链式法则：a 输入到第 {0} 层的每个单元",
    "index.one-term-input": "求和中只有一项依赖 {0}",
    "index.delta-recursion": "{0}",
    "index.one-term": "链式法则；z 中只有一项依赖 {0}",
    "index.bias": "链式法则；∂z/∂b = 1",
    "index.substitute": "{0}",
    "index.mean-gradient": "逐样本梯度的平均",
    "index.matrix-delta": "整层的 δⱼ 一起",
    "index.matrix-gradient": "所有 δⱼaₖ 一起：外积",
    "index.matrix-regression": "X：输入，每行一个样本；{0}：误差 f − y",
    "algebra.sum-one-term": "只有 k = j 这一项的 1[k = j] = 1",
})
