// handbook
