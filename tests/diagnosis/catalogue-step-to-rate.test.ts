import { catalogueSuite } from './_catalogue-suite';

catalogueSuite(['03-step', '04-descent', '05-valley', '06-learning-rate']);
