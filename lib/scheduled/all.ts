import './care';
import './complaints';
import './digest';
import './surveys';
import './imports';
