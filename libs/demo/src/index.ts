export type {
  DemoApplicant,
  DemoAttribute,
  DemoIdentifier,
  DemoOptions,
  DemoSourceRecord,
  DepartmentSystem,
} from './demo.types';
export { generateDemoApplicants } from './generate-demo-applicants';
export { DEMO_COUNTIES } from './counties';
export { Random } from './random';
export * from './mess';
export {
  DEMO_CONSTRUCTION_PROCEDURES,
  demoConstructionApplicant,
  demoConstructionItems,
} from './demo-application';
