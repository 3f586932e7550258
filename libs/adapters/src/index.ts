export * from './shared';
export * from './project-approval';
export * from './land-planning';
export * from './tax';
export * from './social-insurance';
