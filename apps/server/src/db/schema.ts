export * from '../modules/members/members.tables';
export * from '../modules/orgs/orgs.tables';
export * from '../modules/users/users.tables';
export * from '../platform/audit.tables';
