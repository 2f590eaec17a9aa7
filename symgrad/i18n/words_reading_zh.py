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
}
