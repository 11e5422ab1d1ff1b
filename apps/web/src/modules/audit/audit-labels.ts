/** What each audited action means, for people reading the log; unknown actions show their code only. */
export const actionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.loginFailed': '登录失败',
  'auth.locked': '账户锁定',
  'auth.logout': '退出登录',
  'auth.passwordChanged': '修改密码',
  'org.create': '新建组织',
  'org.update': '修改组织',
  'org.delete': '删除组织',
  'org.termRenewal': '换届',
  'org.renamed': '组织更名',
  'org.moved': '调整隶属',
  'org.merged': '组织合并',
  'org.split': '组织拆分',
  'org.dissolved': '组织撤销',
  'unit.create': '新建单位',
  'unit.update': '修改单位',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.passwordReset': '重置密码',
  'user.roleGranted': '分配角色',
  'user.roleRevoked': '移除角色',
};

export const entityTypeLabels: Record<string, string> = { org: '党组织', unit: '单位', user: '用户' };
