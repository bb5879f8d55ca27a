// 报送 and 采用 in words: the submitting unit's 我的报送, the target desk's 来稿 queue (lib/submissions).

export const submissionMessages = {
  states: {
    SUBMITTED: "待采用",
    ADOPTED: "已采用",
    ADOPTED_EDITED: "编辑后采用",
    RETURNED: "已退回",
    WITHDRAWN: "已撤回",
  },
  events: {
    SUBMIT: "报送",
    WITHDRAW: "撤回",
    ADOPT: "采用",
    ADOPT_EDITED: "编辑后采用（送审）",
    RETURN: "退回",
    PUBLISH: "上线",
  },
} as const;
