import { catalogueSuite } from './_catalogue-suite';

catalogueSuite(['01-cost', '02-gradient']);
