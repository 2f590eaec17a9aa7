"""The words of the web page's newer parts and of the grade report's totals (Chinese)."""

WORDS = {
    'web.steps-folded': '每一步',
    'web.downloads': '下载',
    'web.pdf-article': 'PDF 文章',
    'web.pdf-slides': 'PDF 幻灯片',
    'web.totals': '每位学生的总计',
    'web.every-answer': '每个答案',
    'web.sample-answers': '示例答案 CSV',
    'web.sample-problems': '示例题目 CSV',
    'web.sample-data': '示例数据 CSV（x, y）',
    'web.kept-file': '正在使用上次的 {0}；选择另一个文件即可替换。',
    'web.title.forbidden': '此处不允许',
    'web.forbidden.host':
        '此服务器不响应这个名字；请用它的地址或 symgrad serve --host 给出的名字打开',
    'web.forbidden.token':
        '此页面需要服务器启动时打印的令牌：请打开 symgrad serve 打印的带 ?token=… 的完整地址',
    'web.forbidden.origin': '这个表单是从别的网站发送的；请打开本页面并从这里发送',
    'web.forbidden.xsrf': '这个表单已过期或不是从本页面发送的；请重新加载页面后再发送',
    'grade.student': '学生',
    'grade.score': '得分',
    'grade.md-students': '## 每位学生的总计',
    'web.col.score': '得分',
    'cli.derive-steps-renamed':
        'derive 用 --rules 显示每条法则（--steps N 是 fit 和 trace 的步数）',
    'cli.progress-needs-tqdm': "--progress 需要 tqdm：pip install 'symgrad[progress]'",
    'cli.standard-input': '标准输入',
    'cli.check-needs-wrt': 'check 需要 --wrt：函数有变量 {0}',
    'grade.report-stdout': '报告已写到标准输出',
}
