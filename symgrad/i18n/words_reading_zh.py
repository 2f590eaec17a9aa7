"""检查器读法的中文措辞（issue 20）：两种读法、去掉的左边、题目自身的并列、正则项、周期函数的最小值。"""

WORDS = {
    "err.reading.two-readings":
        "无法读取{0} {1!r}：{2!r} 可以读作 {3}，也可以读作 {4}；请加括号",
    "err.reading.d-product":
        "无法读取{0} {1!r}：d(…)/dx 既可以是导数 d/dx，也可以是字母 d 被约掉的乘积；请写出导数的值",
    "check.prefix": "把 {0} = 当作导数的名字",
    "check.problem-read-as": "把题目中的 {0} 读作 {1}",
    "check.read-mean-gradient": "按批量梯度 (1/m) Σᵢ ∂ℓᵢ/∂θ 理解；比较的是单个样本的项 ∂ℓ/∂θ。",
    "check.read-sum-gradient": "按对样本求和 Σᵢ ∂ℓᵢ/∂θ 理解；比较的是其中的项。",
    "err.nn.layer-twice": "{0!r} 在这个网络里出现了两次（第 {1} 层）；不支持共享权重：请再建一个 Dense 层",
    "err.nn.layer-elsewhere":
        "{0!r} 是另一个网络的第 {1} 层；在这里它将是第 {2} 层，会改掉那个网络的权重名：请新建一个 Dense 层",
    "err.losses.template-has-parameter":
        "损失模板依赖参数 {0}；ℓ 只通过预测值 f 求导，梯度的这一部分会丢失：请把 {0} 放进模型，"
        "或使用正则项（mse(model, l2=λ)）",
    "err.penalty.one-kind": "请给出 l2 或 l1，不要同时给出",
    "err.penalty.strength": "正则项强度必须是 ≥ 0 的数，而不是 {0!r}",
    "err.penalty.network-weights": "网络的正则项作用于全部权重 W（不含偏置）；penalize= 只用于公式模型",
    "err.penalty.not-parameter": "{0}：不是模型的参数，不能加正则项",
    "check.cost-task": "{0}加上{1}（$λ =$ {2}）的代价 $J$",
    "check.read-penalty": "把 {0} 理解为正则项 {1}。",
    "check.read-lambda": "把 $λ$ 理解为正则项强度 {0}。",
    "hint.loss-penalty-missing": "代价还包括正则项 {0}：把它加在对样本的平均值之外。",
    "hint.loss-penalty-wrong": "正则项应为 {0}，而不是 {1}（L2 为 $λ/(2m)·Σ w²$，L1 为 $(λ/m)·Σ |w|$）。",
    "hint.loss-no-penalty": "这个损失没有正则项：{0} 不属于它。",
    "err.grade.unknown-loss": "未知的损失 {0!r}；可用的损失：{1}",
    "hint.penalty-term-wrong": "$∂J/∂${0} 中正则项的那一项应为 {1}，而不是 {2}。",
    "hint.penalty-missing": "缺少正则项的那一项 {0}：∂J/∂{1} 还包括正则项的导数。",
    "head.penalty": "权重的正则项",
    "para.penalty-l2": "代价加上强度 λ = {0} 的 L2 正则项（权重衰减），作用于权重 {1}；它属于 J，而不属于每个 ℓᵢ。",
    "para.penalty-l1": "代价加上强度 λ = {0} 的 L1 正则项，作用于权重 {1}；它属于 J，而不属于每个 ℓᵢ。",
    "note.penalty-l2": "L2 正则项 λ/(2m)·Σ w²",
    "note.penalty-l1": "L1 正则项 (λ/m)·Σ |w|",
    "note.penalty-only": "只有这个权重自己的那一项依赖于它",
    "term.every-weight": "W（每一层的每个权重；下面的 w 代表其中任意一个）",
    "extrema.least-periodic": "{0} 的最小值是 {1}，在 {2} 处取到（n 为任意整数）：f 以 {3} 为周期重复。",
    "note.periodic-listed": "f 是周期为 {0} 的周期函数：这里列出一个周期 [0, {0}) 内的驻点；其余驻点都是它们之一加上 {0} 的整数倍",
}
